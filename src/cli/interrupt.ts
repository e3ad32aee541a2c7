// Signals as an abort.

import { GazetteError } from '../errors.js';

/**
 * Run with SIGINT and SIGTERM turned into an abort: the build stops within moments, before it writes
 * (or finishes the swap it began), removes its temporary folder and fails with `interrupted`. A
 * second signal finds no handler and ends the process at once.
 */
export async function untilInterrupted<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (name: NodeJS.Signals) =>
    controller.abort(
      new GazetteError({
        code: 'interrupted',
        field: name,
        message: 'the build was stopped; the output folder was left as it was',
      }),
    );
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
