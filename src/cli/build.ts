// gazette build and gazette check: one build at a time on an output folder, the up-to-date
// record first, then the build.

import path from 'node:path';
import type { ConfigOverrides } from '../config.js';
import { loadConfig } from '../config.js';
import { boundHeapGrowth, boundsHeap } from '../incremental/heap.js';
import { checkUpToDate } from '../incremental/up-to-date.js';
import { lockOutput } from '../output/lock.js';
import { untilInterrupted } from './interrupt.js';
import { EXIT, type Io } from './io.js';

export async function runBuild(
  command: 'build' | 'check',
  overrides: ConfigOverrides,
  io: Io,
  options: { quiet: boolean; verbose?: boolean; cache: boolean; waitMs: number; allowMoved?: boolean; previousSitemap?: string },
): Promise<number> {
  let started = performance.now();
  let config = loadConfig(io.cwd, overrides);
  const write = command === 'build';
  const result = await untilInterrupted(async (signal) => {
    // One build at a time writes an output folder; `check` writes nothing.
    const lock = write ? await lockOutput(config, 'build', { waitMs: options.waitMs, note: io.err, signal }) : undefined;
    try {
      // A build that waited reads its settings and clock when its turn comes: it builds what is there then.
      if (lock?.waited) {
        started = performance.now();
        config = loadConfig(io.cwd, overrides);
      }
      // A sitemap given to compare with is read by a build, never answered by the last one.
      const upToDate = write && options.cache && options.previousSitemap === undefined ? await checkUpToDate(config) : undefined;
      const kept = { allowMoved: options.allowMoved, previousSitemap: options.previousSitemap };
      if (boundsHeap(upToDate)) boundHeapGrowth();
      if (!upToDate?.upToDate)
        return await (await import('../incremental/publish.js')).build(config, { write, cache: options.cache, signal, upToDate, ...kept });
      signal.throwIfAborted();
      return { ...upToDate.report, written: [], upToDate: true };
    } finally {
      lock?.release();
    }
  });
  for (const warning of result.warnings) io.err(`warning: ${warning.format()}`);
  if (options.verbose && 'ignored' in result) for (const file of result.ignored ?? []) io.err(`not read: ${file}`);
  if (!options.quiet) {
    const took = `${Math.round(performance.now() - started)} ms`;
    const stories = `${result.stories} ${result.stories === 1 ? 'story' : 'stories'}`;
    const folder = `${path.relative(io.cwd, config.outDir) || '.'}/`;
    io.out(
      !write
        ? `Checked ${stories} and ${result.pages} pages in ${took}: no problems`
        : result.upToDate
          ? `Nothing changed since the last build: ${folder} is up to date (${stories}, ${result.pages} pages, ${result.files} files, 0 written) in ${took}`
          : `Built ${stories} into ${result.pages} pages (${result.files} files, ${result.written.length} written) in ${folder} in ${took}`,
    );
  }
  return EXIT.ok;
}
