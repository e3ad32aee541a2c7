// Markdown rendered again while a page is being printed: the build cache reads a story's HTML back
// whenever a template prints it, synchronously, and makes again the HTML it cannot read (a damaged
// cache file). Even then remark runs on a worker thread: this thread waits for the answer, for no
// longer than the budget, and a worker that runs past it is ended like the pool's.

import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import { GazetteError } from '../errors.js';
import { startWorker } from '../threads.js';
import { say } from '../words.js';
import type { RenderedMarkdown, StoryText } from './processor.js';
import {
  type MarkdownAnswer,
  type MarkdownJob,
  type MarkdownSettings,
  type MarkdownWorkerData,
  markdownTooSlow,
  WORKER_RESOURCE_LIMITS,
} from './worker-protocol.js';

/** How long a worker may take to start, beside the budget of the story it is started for. */
const STARTUP_MS = 60_000;

export interface MarkdownAgain {
  /** A story's Markdown, rendered on a worker while this thread waits; throws its problem. */
  render(story: StoryText): RenderedMarkdown;
  close(): Promise<void>;
}

interface Waiting {
  worker: Worker;
  answers: MessagePort;
  woken: Int32Array;
  seen: number;
}

export function createMarkdownAgain(settings: MarkdownSettings): MarkdownAgain {
  let current: Waiting | undefined;
  let nextId = 0;

  const start = (): Waiting => {
    const woken = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const data: MarkdownWorkerData = {
      rawHtml: settings.rawHtml,
      embeds: settings.embeds,
      baseUrl: settings.baseUrl,
      basePath: settings.basePath,
      storySeconds: settings.storySeconds,
      anchorLabel: say(settings, 'heading_anchor'),
      answers: port2,
      woken: woken.buffer as SharedArrayBuffer,
    };
    const worker = startWorker('markdown/worker', data, WORKER_RESOURCE_LIMITS, [port2]);
    // Its answers are read here, never waited for by the event loop: it holds nothing open.
    worker.unref();
    port1.unref();
    // A worker that fails gives no answer, which the wait below reports.
    worker.on('error', () => undefined);
    const waiting = { worker, answers: port1, woken, seen: 0 };
    if (answerOf(waiting, STARTUP_MS) === undefined) {
      end(waiting);
      throw new Error('a worker thread for the Markdown did not start');
    }
    return waiting;
  };

  const end = (waiting: Waiting) => {
    if (current === waiting) current = undefined;
    void waiting.worker.terminate().catch(() => undefined);
  };

  return {
    render(story) {
      const text = story.body.text();
      const waiting = (current ??= start());
      const id = nextId++;
      waiting.worker.postMessage({ id, text, permalink: story.permalink, file: story.file, bodyLine: story.bodyLine } satisfies MarkdownJob);
      const answer = answerOf(waiting, settings.storySeconds * 1000);
      if (answer === undefined || !('id' in answer) || answer.id !== id) {
        end(waiting);
        throw markdownTooSlow(story, settings.storySeconds);
      }
      if ('rendered' in answer) return answer.rendered;
      if ('problem' in answer) throw new GazetteError(answer.problem);
      throw new Error(`rendering the Markdown of ${story.file ?? story.permalink} failed: ${answer.failure}`);
    },
    async close() {
      if (current) await current.worker.terminate().catch(() => undefined);
      current = undefined;
    },
  };
}

/** The worker's next answer, waited for at most `ms` (the worker counts its answers in `woken`). */
function answerOf(waiting: Waiting, ms: number): MarkdownAnswer | undefined {
  const until = performance.now() + ms;
  for (;;) {
    const received = receiveMessageOnPort(waiting.answers);
    if (received !== undefined) return received.message as MarkdownAnswer;
    const left = until - performance.now();
    if (left <= 0) return undefined;
    Atomics.wait(waiting.woken, 0, waiting.seen, left);
    waiting.seen = Atomics.load(waiting.woken, 0);
  }
}
