// The search stage: Pagefind indexes the stories in a process of its own while the build renders
// its pages, and each index's files are written as soon as it is made (between pages), so that a
// build holds one index's bytes at a time, not the archive's.

import type { Config } from '../config-types.js';
import type { OutputFile, OutputState } from '../output/files.js';
import type { SearchDocument } from './indexes.js';
import { renderEachSearchIndex } from './pagefind.js';

export interface SearchIndexing {
  /** The files of the indexes made since last asked. */
  take(): OutputFile[];
  /** Writes every file still to come, each as it arrives, until every index is made (throws its failure). */
  finish(write: (file: OutputFile) => Promise<void>): Promise<void>;
}

/** The indexes of these documents made now; those the output folder holds (`held`) are kept. */
export function indexNow(documents: readonly SearchDocument[], config: Config, held: OutputState | undefined, signal?: AbortSignal): SearchIndexing {
  let waiting: OutputFile[] = [];
  let wake: (() => void) | undefined;
  const job = renderEachSearchIndex(
    documents,
    config,
    held,
    (files) => {
      waiting.push(...files);
      wake?.();
    },
    signal,
  );
  job.catch(() => undefined);
  const take = () => {
    const taken = waiting;
    waiting = [];
    return taken;
  };
  return {
    take,
    async finish(write) {
      let done = false;
      const settled = job.finally(() => {
        done = true;
      });
      settled.catch(() => undefined);
      for (;;) {
        // Once the job is done, every file it gave is waiting.
        const last = done;
        for (const file of take()) await write(file);
        if (last) break;
        await Promise.race([settled, new Promise<void>((resolve) => (wake = resolve))]);
        wake = undefined;
      }
      await job;
    },
  };
}

/** No index: a site without search, or `gazette check`. */
export const NO_SEARCH_INDEX: SearchIndexing = { take: () => [], finish: async () => undefined };
