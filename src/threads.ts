// Starting a worker thread of Gazette's own: from the compiled JavaScript the worker is its module;
// from the TypeScript sources (tests, the benchmark) it registers tsx first, which Node 20 does not
// do for worker threads.

import { type ResourceLimits, type Transferable, Worker } from 'node:worker_threads';

/** The worker module `name` (a path below src/, without extension), given `workerData` (and the ports in it, in `transferList`). */
export function startWorker(name: string, workerData: unknown, resourceLimits?: ResourceLimits, transferList?: Transferable[]): Worker {
  const options = { workerData, resourceLimits, transferList };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, import.meta.url), options);
  const module = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(module)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}
