// A build holds its whole site's data (stories, the site graph, the names of its pages) while it
// runs, and makes a great deal of short-lived data beside it (Markdown trees, pages, JSON). Left to
// itself, V8 lets its heap grow well past what is live (up to four times) before it collects again,
// so that a large build's peak memory is set by that headroom rather than by what the build holds.
// The gazette command (cli/) asks V8 to grow the heap by at most HEAP_GROWTH_PERCENT between two
// full collections for every build but a rebuild of a small archive whose output stands (a publish,
// a correction): its heap stays small, and collecting it more often costs it time for little
// memory saved (docs/performance.md). The worker threads of the Markdown stage share the
// setting, and have a large young generation so that their syntax trees are collected young (see
// markdown/pool.ts).

import { setFlagsFromString } from 'node:v8';
import type { UpToDate } from './up-to-date.js';

export const HEAP_GROWTH_PERCENT = 20;
const FLAG = '--heap-growing-percent';

/** The V8 flag to set, unless Node was started with its own (`node --heap-growing-percent=50 bin/gazette.js`). */
export function heapGrowthFlag(execArgv: readonly string[]): string | undefined {
  // V8 reads `--heap_growing_percent` as the same flag.
  const given = execArgv.some((arg) => arg.split('=')[0]?.replaceAll('_', '-') === FLAG);
  return given ? undefined : `${FLAG}=${HEAP_GROWTH_PERCENT}`;
}

export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  const flag = heapGrowthFlag(execArgv);
  if (flag !== undefined) setFlagsFromString(flag);
}

/** So many files read (stories, templates, static files) make an archive large enough to bound any build of it. */
export const LARGE_ARCHIVE_FILES = 20_000;

/**
 * Whether a build bounds its heap, from what the up-to-date check found (none: a build without the
 * cache, or a check, which renders every story): all do but a rebuild of a small archive whose
 * output stands, and a build with nothing to do.
 */
export function boundsHeap(check: UpToDate | undefined): boolean {
  if (check === undefined) return true;
  if (check.upToDate) return false;
  return !check.outputIntact || check.snapshot.files.size >= LARGE_ARCHIVE_FILES;
}
