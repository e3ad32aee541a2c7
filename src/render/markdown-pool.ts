// Markdown on every core: a cold build of thousands of stories spends most of its time in remark,
// so the stories are shared between worker threads and the build's own thread, a few at a time.
// Starting a worker costs a few hundred milliseconds: small batches are rendered in the thread.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import { startWorker } from './worker-thread.js';
import { renderStoryMarkdown, type MarkdownRenderer, type RenderedMarkdown, type StoryText } from './markdown.js';

export type MarkdownSettings = Pick<Config, 'rawHtml' | 'baseUrl' | 'basePath'>;

/** Fewer stories than this are rendered in the build's thread alone. */
export const PARALLEL_FROM = 400;
const WORKER_CHUNK = 16;
/**
 * A worker makes a syntax tree for every story and drops it: a young generation this large lets the
 * trees die young instead of being promoted to the old one, where each would bring the next full
 * collection closer (Gazette's process bounds how far the old one grows; see heap.ts).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };
const OWN_CHUNK = 2;

/**
 * Render every story, each given to `keep` (with its index) as soon as it is rendered, so that a
 * build of many stories need not hold all their HTML; says how many the workers rendered.
 * `threads` is how many threads share the work, the build's own included (default: one per core,
 * when there are enough).
 */
export async function renderEachMarkdown(
  markdown: MarkdownRenderer,
  stories: readonly StoryText[],
  settings: MarkdownSettings,
  keep: (index: number, rendered: RenderedMarkdown) => void,
  threads = stories.length >= PARALLEL_FROM ? availableParallelism() : 1,
): Promise<{ inWorkers: number }> {
  let inWorkers = 0;
  const renderHere = (index: number) => keep(index, renderStoryMarkdown(markdown, stories[index] as StoryText, settings));
  if (threads <= 1) {
    stories.forEach((_, index) => renderHere(index));
    return { inWorkers };
  }

  let next = 0;
  const take = (size: number) => {
    const start = next;
    next = Math.min(stories.length, next + size);
    return { start, end: next };
  };
  const workers = Array.from({ length: threads - 1 }, () => startMarkdownWorker(settings));
  try {
    const working = workers.map(async (worker) => {
      for (let chunk = take(WORKER_CHUNK); chunk.start < chunk.end; chunk = take(WORKER_CHUNK)) {
        const rendered = await ask(worker, stories.slice(chunk.start, chunk.end)).catch(() => undefined);
        // A story the worker could not render is rendered here, where its problem is reported; a
        // worker that failed gets no more.
        for (let index = chunk.start; index < chunk.end; index++) {
          const result = rendered?.[index - chunk.start];
          if (result) {
            keep(index, result);
            inWorkers += 1;
          } else {
            renderHere(index);
          }
        }
        if (rendered === undefined) return;
      }
    });
    // A worker's failure is reported by the Promise.all below; until then it is not left unhandled.
    for (const job of working) job.catch(() => undefined);
    // The build's thread takes a few stories at a time, and lets the workers' answers in between.
    for (let chunk = take(OWN_CHUNK); chunk.start < chunk.end; chunk = take(OWN_CHUNK)) {
      for (let index = chunk.start; index < chunk.end; index++) renderHere(index);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(working);
    return { inWorkers };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Every story rendered, in order (see renderEachMarkdown). */
export async function renderAllMarkdown(
  markdown: MarkdownRenderer,
  stories: readonly StoryText[],
  settings: MarkdownSettings,
  threads?: number,
): Promise<{ rendered: RenderedMarkdown[]; inWorkers: number }> {
  const rendered: RenderedMarkdown[] = new Array(stories.length);
  const { inWorkers } = await renderEachMarkdown(markdown, stories, settings, (index, result) => (rendered[index] = result), threads);
  return { rendered, inWorkers };
}

function ask(worker: Worker, stories: StoryText[]): Promise<(RenderedMarkdown | null)[]> {
  return new Promise((resolve, reject) => {
    const answered = (rendered: (RenderedMarkdown | null)[]) => {
      worker.off('error', failed);
      resolve(rendered);
    };
    const failed = (error: Error) => {
      worker.off('message', answered);
      reject(error);
    };
    worker.once('message', answered);
    worker.once('error', failed);
    worker.postMessage(stories.map(({ body, permalink }) => ({ text: body.text(), permalink })));
  });
}

function startMarkdownWorker(settings: MarkdownSettings): Worker {
  const data = { rawHtml: settings.rawHtml, baseUrl: settings.baseUrl, basePath: settings.basePath };
  return startWorker('markdown-worker', data, WORKER_RESOURCE_LIMITS);
}
