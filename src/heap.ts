// A build holds its whole site's data (stories, the site graph, the names of its pages) while it
// runs, and makes a great deal of short-lived data beside it (Markdown trees, pages, JSON). Left to
// itself, V8 lets its heap grow well past what is live (up to four times) before it collects again,
// so that a large build's peak memory is set by that headroom rather than by what the build holds. Gazette's
// process (bin/gazette.js) asks V8 to grow the heap by at most HEAP_GROWTH_PERCENT between two full
// collections. The worker threads of the Markdown stage share the setting, and have a large young
// generation so that their syntax trees are collected young (see render/markdown-pool.ts).

import { setFlagsFromString } from 'node:v8';

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
