// gazette build (and the build behind gazette check): one build at a time on an output folder, the
// up-to-date record first, then the build; the final line says what changed.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildReport } from '../build.js';
import { baseUrlMissing, loadConfig } from '../config.js';
import type { Config } from '../config-types.js';
import { GazetteError } from '../errors.js';
import { boundHeapGrowth, boundsHeap } from '../incremental/heap.js';
import { checkUpToDate } from '../incremental/up-to-date.js';
import { lockOutput, WAIT_SECONDS } from '../output/lock.js';
import type { Command, Invocation, OptionSpec } from './command.js';
import { untilInterrupted } from './interrupt.js';
import { EXIT, type Io } from './io.js';
import { progressDisplay } from './progress.js';
import { printWarnings } from './warnings.js';

export const WAIT_OPTION = {
  name: 'wait',
  type: 'string',
  placeholder: '<seconds>',
  summary: `how long to wait for a build writing the same output folder (default: ${WAIT_SECONDS}; 0: do not wait)`,
} as const;

/** The options of the check that a published URL stays (build and check). */
export const URL_OPTIONS = [
  { name: 'allow-moved', type: 'boolean', summary: 'let a URL the previous site published disappear (a warning, not the error permalink-moved)' },
  { name: 'previous-sitemap', type: 'string', placeholder: '<file|url>', summary: "also keep every URL of this sitemap.xml (the old site's)" },
] as const satisfies readonly OptionSpec[];

export const command: Command = {
  name: 'build',
  summary: 'build the site into the output folder (default: dist/)',
  options: [
    WAIT_OPTION,
    { name: 'changed-files', type: 'string', placeholder: '<file>', summary: 'write the output files this build wrote ("+ path") and removed ("- path")' },
    ...URL_OPTIONS,
  ],
  run: (invocation, io) => runBuild('build', invocation, io),
};

export async function runBuild(kind: 'build' | 'check', invocation: Invocation, io: Io): Promise<number> {
  const { overrides, cache, quiet, strict, verbose } = invocation;
  const kept = { allowMoved: invocation.values['allow-moved'] === true, previousSitemap: invocation.values['previous-sitemap'] as string | undefined };
  const waitMs = readWait(invocation.values.wait);
  const changedFiles = invocation.values['changed-files'] === undefined ? undefined : path.resolve(io.cwd, String(invocation.values['changed-files']));
  let started = performance.now();
  let config = loadConfig(io.cwd, overrides);
  const write = kind === 'build';
  // A published site must know its address; a check only says so.
  const missing = baseUrlMissing(config);
  if (write && missing) throw missing;
  if (changedFiles !== undefined) refuseInside(changedFiles, config);
  const display = quiet ? undefined : progressDisplay(io, invocation.verbose);
  const result = await untilInterrupted(async (signal): Promise<BuildReport> => {
    // One build at a time writes an output folder; `check` writes nothing.
    const lock = write ? await lockOutput(config, 'build', { waitMs, note: io.err, signal }) : undefined;
    try {
      // A build that waited reads its settings and clock when its turn comes: it builds what is there then.
      if (lock?.waited) {
        started = performance.now();
        config = loadConfig(io.cwd, overrides);
      }
      // A sitemap given to compare with is read by a build, never answered by the last one.
      const upToDate = write && cache && kept.previousSitemap === undefined ? await checkUpToDate(config) : undefined;
      if (boundsHeap(upToDate)) boundHeapGrowth();
      if (!upToDate?.upToDate) {
        const { build } = await import('../incremental/publish.js');
        return await build(config, { write, cache, signal, upToDate, strict, progress: display?.progress, ...kept });
      }
      signal.throwIfAborted();
      return { ...upToDate.report, written: [], removed: [], upToDate: true };
    } finally {
      display?.end();
      lock?.release();
    }
  });
  // A build that wrote the site applied --strict before writing: what it warns of after (the cache
  // not saved) stays a warning, as the site is there.
  printWarnings(missing && !write ? [missing, ...result.warnings] : result.warnings, io, strict && !(write && !result.upToDate));
  if (verbose && 'ignored' in result) for (const file of result.ignored ?? []) io.err(`not read: ${file}`);
  if (changedFiles !== undefined) await writeChangedFiles(changedFiles, result, io.cwd);
  if (!quiet) io.out(finalLine(kind, result, config, io.cwd, Math.round(performance.now() - started)));
  return EXIT.ok;
}

/** What the build did, in one line: files written, removed and kept. */
function finalLine(kind: 'build' | 'check', result: BuildReport, config: Config, cwd: string, ms: number): string {
  const stories = `${result.stories} ${result.stories === 1 ? 'story' : 'stories'}`;
  if (kind === 'check') return `Checked ${stories} and ${result.pages} pages in ${ms} ms: no problems`;
  const folder = `${path.relative(cwd, config.outDir) || '.'}/`;
  const changes = `${result.files} files: ${result.written.length} written, ${result.removed.length} removed, ${result.files - result.written.length} kept`;
  return result.upToDate
    ? `Nothing changed since the last build: ${folder} is up to date (${stories}, ${result.pages} pages, ${changes}) in ${ms} ms`
    : `Built ${stories} into ${result.pages} pages in ${folder} in ${ms} ms (${changes})`;
}

/** `+ path` for each file written, `- path` for each removed, paths below the output folder, sorted. */
async function writeChangedFiles(file: string, result: BuildReport, cwd: string): Promise<void> {
  const lines = [...[...result.written].sort().map((written) => `+ ${written}`), ...[...result.removed].sort().map((removed) => `- ${removed}`)];
  try {
    await writeFile(file, lines.map((line) => `${line}\n`).join(''));
  } catch (cause) {
    throw new GazetteError({
      code: 'output-failed',
      file: path.relative(cwd, file),
      field: '--changed-files',
      message: `cannot write the list of changed files: ${(cause as Error).message}`,
      hint: 'the site is written; build again to write the list',
      cause,
    });
  }
}

function refuseInside(file: string, config: Config): void {
  const relative = path.relative(config.outDir, file);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
    throw new GazetteError({
      code: 'usage',
      field: '--changed-files',
      message: `"${file}" is inside the output folder, which holds only the site`,
      hint: 'write it elsewhere, e.g. --changed-files changed.txt',
    });
  }
}

export function readWait(value: string | boolean | undefined): number {
  if (value === undefined) return WAIT_SECONDS * 1000;
  const text = String(value).trim();
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new GazetteError({ code: 'usage', message: `--wait must be a number of seconds, 0 or more, not "${value}"` });
  }
  return Number(text) * 1000;
}
