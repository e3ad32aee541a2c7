// Pages on every core: rendering the theme's Liquid templates is most of a build that renders every
// page (a cold build after its Markdown, a template edit), so once a build has rendered enough pages
// in its own thread, worker threads take pages too. The build's thread renders a page itself when
// every worker has as many as it may hold, and keeps planning and writing pages meanwhile.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads.js';
import type { PageKind } from './page.js';
import { type PageToRender, renderPage, renderTemplatePage, type ThemeRenderer, type ThemeSource, viewData } from './page-text.js';

/** Pages rendered in the build's thread before workers start: a publish renders a few dozen, a template edit every one. */
const PARALLEL_FROM = 200;
/** Pages a worker is sent before it has answered. */
const WORKER_QUEUE = 48;
/**
 * A worker holds the theme and the pages it was sent, well within this bound even for a large site:
 * a worker that grows past it stops, and the pages it held are rendered in the build's thread.
 */
const PAGE_WORKER_LIMITS = { maxOldGenerationSizeMb: 128 };

export interface PageRequest {
  id: number;
  kind: Exclude<PageKind, 'redirect'>;
  data: Record<string, unknown>;
}

export interface PageRenderer {
  /** A page's text: at once when rendered in this thread, else when a worker has rendered it. */
  render(page: PageToRender, context: Record<string, unknown>): string | Promise<string>;
  /** Starts the workers now; resolves once each is ready for pages, or has failed. */
  started(): Promise<void>;
  /** How many pages the workers rendered. */
  readonly inWorkers: number;
  /** Stops the workers, once the build has taken every page it asked for, or has failed. */
  close(): Promise<void>;
}

interface PageWorker {
  worker: Worker;
  ready: boolean;
  /** Resolves once the worker is ready for pages, or has failed. */
  started: Promise<void>;
  /** The pages sent and not yet answered, by id: each answered with its text, or null when the worker failed. */
  waiting: Map<number, (text: string | null) => void>;
}

/**
 * `threads`: how many threads share the pages, the build's own included; given, the workers start
 * at the first page, else there is one per core, from the PARALLEL_FROM-th page.
 */
export function createPageRenderer(theme: ThemeRenderer, source: ThemeSource, language: string, given?: number): PageRenderer {
  const threads = given ?? availableParallelism();
  const parallelFrom = given === undefined ? PARALLEL_FROM : 0;
  let asked = 0;
  let inWorkers = 0;
  let nextId = 0;
  let closed = false;
  let workers: PageWorker[] | undefined;
  const here = (kind: PageRequest['kind'], data: Record<string, unknown>) => renderTemplatePage(kind, data, theme);
  const startWorkers = () => (workers ??= Array.from({ length: threads - 1 }, () => startPageWorker(source)));
  const freeWorker = () => {
    let free: PageWorker | undefined;
    for (const worker of workers ?? []) {
      if (worker.ready && worker.waiting.size < WORKER_QUEUE && (free === undefined || worker.waiting.size < free.waiting.size)) free = worker;
    }
    return free;
  };

  const ask = (worker: PageWorker, kind: PageRequest['kind'], data: Record<string, unknown>) => {
    const id = nextId++;
    return new Promise<string | null>((answer) => {
      worker.waiting.set(id, answer);
      worker.worker.postMessage({ id, kind, data } satisfies PageRequest);
    }).then((text) => {
      // After close, nothing waits for the pages still unanswered (the build failed or stopped).
      if (text === null) return closed ? '' : here(kind, data);
      inWorkers += 1;
      return text;
    });
  };

  return {
    render(page, context) {
      asked += 1;
      if (page.kind === 'redirect' || threads <= 1 || asked <= parallelFrom) return renderPage(page, context, theme, language);
      startWorkers();
      const { kind } = page;
      const { data, plain } = viewData(context);
      if (!plain) return here(kind, data);
      const worker = freeWorker();
      if (worker !== undefined) return ask(worker, kind, data);
      // Every worker is busy, or has answered pages this thread has not yet taken in: take the
      // answers in, and render the page here only if none has room still.
      return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        const free = freeWorker();
        return free === undefined ? here(kind, data) : ask(free, kind, data);
      });
    },
    async started() {
      if (threads <= 1) return;
      await Promise.all(startWorkers().map((worker) => worker.started));
    },
    get inWorkers() {
      return inWorkers;
    },
    async close() {
      closed = true;
      await Promise.all(
        (workers ?? []).map(async (worker) => {
          await worker.worker.terminate();
          stopped(worker);
        }),
      );
    },
  };
}

function startPageWorker(source: ThemeSource): PageWorker {
  const worker = startWorker('render/page-worker', source, PAGE_WORKER_LIMITS);
  let isStarted = () => {};
  const state: PageWorker = { worker, ready: false, started: new Promise((resolve) => (isStarted = resolve)), waiting: new Map() };
  worker.on('message', (message: { ready: true } | { id: number; text: string | null }) => {
    if ('ready' in message) {
      state.ready = true;
      isStarted();
      return;
    }
    const answer = state.waiting.get(message.id);
    state.waiting.delete(message.id);
    answer?.(message.text);
  });
  // A worker that fails takes no more pages; those it held are rendered in the build's thread.
  worker.on('error', () => stopped(state, isStarted));
  worker.on('exit', () => stopped(state, isStarted));
  return state;
}

function stopped(state: PageWorker, isStarted?: () => void): void {
  state.ready = false;
  isStarted?.();
  const waiting = [...state.waiting.values()];
  state.waiting.clear();
  for (const answer of waiting) answer(null);
}
