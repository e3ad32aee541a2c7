// Markdown on worker threads, each story on a deadline. remark takes minutes on some stories
// (`*a*a*a…`), and a thread running it can be ended but not interrupted, so the build's thread never
// renders Markdown: a pool of workers does, one story at a time each. A worker whose story runs past
// the budget (limits.storySeconds) is terminated, the story fails with `markdown-too-slow`, and a
// fresh worker takes the stories that waited behind it; an abort of the build ends every worker.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { GazetteError } from '../errors.js';
import { startWorker } from '../threads.js';
import { say } from '../words.js';
import type { RenderedMarkdown, StoryText } from './processor.js';
import type { MarkdownAnswer, MarkdownJob, MarkdownSettings, MarkdownWorkerData } from './worker-protocol.js';
import { markdownTooSlow, WORKER_RESOURCE_LIMITS } from './worker-protocol.js';

/** Fewer stories than this are rendered by one worker: starting more would cost more than they save. */
export const PARALLEL_FROM = 400;
/** Stories sent to a worker before it has answered, so that it never waits for the next one. */
const AHEAD = 2;

export interface MarkdownPool {
  /**
   * Render every story, each given to `keep` (with its index) as soon as it is rendered, so that a
   * build of many stories need not hold all their HTML. Resolves with the problems of the stories
   * that could not be rendered (too slow, nested too deeply, unreadable), in the stories' order.
   * `threads`: how many workers share the stories (default: one per core for many stories, else
   * one). An abort of `signal` ends every worker and rejects with its reason.
   */
  renderEach(
    stories: readonly StoryText[],
    keep: (index: number, rendered: RenderedMarkdown) => void,
    options?: { threads?: number; signal?: AbortSignal },
  ): Promise<GazetteError[]>;
  /** Ends every worker. */
  close(): Promise<void>;
}

interface Batch {
  stories: readonly StoryText[];
  threads: number;
  /** How many of the stories were taken to be sent. */
  taken: number;
  /** How many are not answered yet. */
  left: number;
  keep: (index: number, rendered: RenderedMarkdown) => void;
  problems: { index: number; problem: GazetteError }[];
  done: (failure?: unknown) => void;
}

interface Job {
  batch: Batch;
  index: number;
}

interface Renderer {
  worker: Worker;
  ready: boolean;
  /** The jobs sent and not answered, in the order the worker takes them: the first is rendering. */
  sent: (Job & { id: number })[];
  deadline: NodeJS.Timeout | undefined;
  retired: boolean;
}

/** `keep`: how many workers stay started between batches (the dev loop's), ready for the next story. */
export function createMarkdownPool(settings: MarkdownSettings, options: { keep?: number } = {}): MarkdownPool {
  const keepStarted = options.keep ?? 0;
  const budgetMs = settings.storySeconds * 1000;
  const workerData: MarkdownWorkerData = {
    rawHtml: settings.rawHtml,
    embeds: settings.embeds,
    baseUrl: settings.baseUrl,
    basePath: settings.basePath,
    storySeconds: settings.storySeconds,
    anchorLabel: say(settings, 'heading_anchor'),
  };
  const renderers: Renderer[] = [];
  const ending = new Set<Promise<unknown>>();
  let batches: Batch[] = [];
  /** Jobs sent to a worker that was then ended, to send again before any other. */
  let again: Job[] = [];
  let nextId = 0;

  const unsent = () => again.length + batches.reduce((sum, batch) => sum + batch.stories.length - batch.taken, 0);
  const takeJob = (): Job | undefined => {
    const retried = again.shift();
    if (retried) return retried;
    const batch = batches.find((candidate) => candidate.taken < candidate.stories.length);
    if (batch === undefined) return undefined;
    return { batch, index: batch.taken++ };
  };

  function startRenderers(): void {
    const wanted = Math.max(0, ...batches.map((batch) => batch.threads));
    let idle = renderers.filter((renderer) => renderer.sent.length === 0).length;
    for (const jobs = unsent(); renderers.length < wanted && idle < jobs; idle++) renderers.push(startRenderer());
  }

  function startRenderer(): Renderer {
    const renderer: Renderer = {
      worker: startWorker('markdown/worker', workerData, WORKER_RESOURCE_LIMITS),
      ready: false,
      sent: [],
      deadline: undefined,
      retired: false,
    };
    renderer.worker.on('message', (answer: MarkdownAnswer) => answered(renderer, answer));
    renderer.worker.on('error', (error) => stopped(renderer, error));
    renderer.worker.on('exit', (code) => stopped(renderer, new Error(`it exited with code ${code}`)));
    return renderer;
  }

  function dispatch(): void {
    for (const renderer of renderers) {
      while (renderer.ready && renderer.sent.length < AHEAD) {
        const job = takeJob();
        if (job === undefined) return;
        send(renderer, job);
      }
    }
  }

  function send(renderer: Renderer, job: Job): void {
    const story = job.batch.stories[job.index] as StoryText;
    let text: string;
    try {
      text = story.body.text();
    } catch (error) {
      // The story changed or vanished since it was read: its own problem, like any other.
      if (error instanceof GazetteError) settle(job, { problem: error });
      else fail(job.batch, error);
      return;
    }
    const id = nextId++;
    renderer.worker.postMessage({ id, text, permalink: story.permalink, file: story.file, bodyLine: story.bodyLine } satisfies MarkdownJob);
    renderer.sent.push({ ...job, id });
    if (renderer.sent.length === 1) {
      renderer.worker.ref();
      renderer.deadline = setTimeout(() => tooSlow(renderer), budgetMs);
    }
  }

  function answered(renderer: Renderer, answer: MarkdownAnswer): void {
    if (renderer.retired) return;
    if ('ready' in answer) {
      renderer.ready = true;
      dispatch();
      return;
    }
    const job = renderer.sent.shift();
    clearTimeout(renderer.deadline);
    // The next story the worker holds starts now.
    if (renderer.sent.length > 0) renderer.deadline = setTimeout(() => tooSlow(renderer), budgetMs);
    else renderer.worker.unref();
    if (job === undefined) return;
    if ('rendered' in answer) settle(job, { rendered: answer.rendered });
    else if ('problem' in answer) settle(job, { problem: new GazetteError(answer.problem) });
    else fail(job.batch, new Error(`rendering the Markdown of ${storyName(job)} failed: ${answer.failure}`));
    dispatch();
    shrink();
  }

  function tooSlow(renderer: Renderer): void {
    const job = renderer.sent.shift();
    retire(renderer);
    if (job === undefined) return;
    settle(job, { problem: markdownTooSlow(job.batch.stories[job.index] as StoryText, settings.storySeconds) });
    startRenderers();
    dispatch();
    shrink();
  }

  function stopped(renderer: Renderer, error: Error): void {
    if (renderer.retired) return;
    const job = renderer.sent.shift();
    const started = renderer.ready;
    retire(renderer);
    if (job !== undefined) fail(job.batch, new Error(`the worker rendering the Markdown of ${storyName(job)} stopped: ${error.message}`));
    // A worker that cannot even start would be followed by others that cannot.
    else if (!started) for (const batch of [...batches]) fail(batch, new Error(`a worker thread for the Markdown could not start: ${error.message}`));
    startRenderers();
    dispatch();
  }

  /** The worker is ended; the stories it held but had not begun go to the next worker free. */
  function retire(renderer: Renderer): void {
    renderer.retired = true;
    clearTimeout(renderer.deadline);
    renderers.splice(renderers.indexOf(renderer), 1);
    again = [...renderer.sent, ...again];
    renderer.sent = [];
    const end = renderer.worker.terminate().catch(() => undefined);
    ending.add(end);
    void end.then(() => ending.delete(end));
  }

  function settle(job: Job, outcome: { rendered: RenderedMarkdown } | { problem: GazetteError }): void {
    const { batch } = job;
    if (!batches.includes(batch)) return;
    if ('problem' in outcome) batch.problems.push({ index: job.index, problem: outcome.problem });
    else {
      try {
        batch.keep(job.index, outcome.rendered);
      } catch (error) {
        fail(batch, error);
        return;
      }
    }
    batch.left -= 1;
    if (batch.left > 0) return;
    batches = batches.filter((candidate) => candidate !== batch);
    batch.done();
  }

  function fail(batch: Batch, failure: unknown): void {
    if (!batches.includes(batch)) return;
    batches = batches.filter((candidate) => candidate !== batch);
    again = again.filter((job) => job.batch !== batch);
    batch.done(failure);
    shrink();
  }

  /** With no story left to render, only the workers to keep stay started, and none holds the process. */
  function shrink(): void {
    if (batches.length > 0) return;
    for (const renderer of renderers.slice(keepStarted)) if (renderer.sent.length === 0) retire(renderer);
    for (const renderer of renderers) if (renderer.sent.length === 0) renderer.worker.unref();
  }

  function stopAll(reason: unknown): void {
    for (const renderer of [...renderers]) retire(renderer);
    again = [];
    for (const batch of [...batches]) fail(batch, reason);
  }

  return {
    renderEach(stories, keep, { threads, signal } = {}) {
      signal?.throwIfAborted();
      if (stories.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        const abort = () => stopAll(signal?.reason);
        const batch: Batch = {
          stories,
          keep,
          taken: 0,
          left: stories.length,
          problems: [],
          threads: Math.max(1, threads ?? (stories.length >= PARALLEL_FROM ? availableParallelism() : 1)),
          done(failure) {
            signal?.removeEventListener('abort', abort);
            if (failure !== undefined) return reject(failure);
            resolve(batch.problems.sort((one, other) => one.index - other.index).map(({ problem }) => problem));
          },
        };
        signal?.addEventListener('abort', abort, { once: true });
        batches.push(batch);
        // Until the batch is done, its workers hold the process open, those still starting too.
        for (const renderer of renderers) renderer.worker.ref();
        startRenderers();
        dispatch();
      });
    },
    async close() {
      stopAll(new Error('the Markdown workers were closed'));
      await Promise.all(ending);
    },
  };
}

function storyName(job: Job): string {
  const story = job.batch.stories[job.index] as StoryText;
  return story.file ?? story.permalink;
}
