// The command line: parse arguments, run a command, print problems like a compiler and map
// outcomes to exit codes. A user's mistake never shows a stack trace (unless --debug).

import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type ConfigOverrides } from './config.js';
import { BuildFailed, GazetteError, showControls } from './errors.js';
import { boundHeapGrowth, boundsHeap } from './incremental/heap.js';
import { lockOutput, WAIT_SECONDS } from './output/lock.js';
import { checkUpToDate } from './incremental/up-to-date.js';
import { VERSION } from './version.js';

// Each command loads the modules it needs when it runs: a build with nothing to do loads none of
// the Markdown, template, image and search libraries.

export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3, busy: 75, SIGINT: 130, SIGTERM: 143 } as const;

const HELP = `Usage: gazette <command> [options]

Commands:
  build              build the site into the output folder (default: dist/)
  check              validate content, config and templates; write nothing
  new "Title"        create content/YYYY/MM/DD/<slug>.md dated now (--tags a,b)
  dev                build, serve on http://localhost:4000/ and rebuild on every change,
                     with drafts and scheduled stories shown (written to .gazette/dev/)
  edition YYYY-MM-DD print that day's edition as plain text for email (--html: as HTML);
                     with --out <file> write it to the file instead, with --out <folder>/
                     (or an existing folder) write both there, as email.txt and email.html

Options:
  --config <file>    configuration file (default: gazette.config.yaml|yml|json)
  --content <dir>    content folder (default: content/)
  --out <dir>        output folder (default: dist/); for "gazette edition", where to write
  --base-url <url>   absolute base URL of the published site
  --drafts           include stories with "draft: true"
  --future           include stories dated after now
  --now <date>       the build's clock, ISO 8601 (for reproducible builds)
  --no-cache         build everything, without reading or writing .gazette/cache/
  --wait <seconds>   how long "build" and "dev" wait for a build writing the same output
                     folder (default: ${WAIT_SECONDS}; 0: do not wait)
  --tags <a,b>       tags for "gazette new"
  --html             "gazette edition" prints (or writes) the HTML email, not the text
  --port <n>         port of "gazette dev" (default: 4000)
  --host <name>      address "gazette dev" listens on (default: 127.0.0.1, this machine only)
  --quiet            print problems only
  --debug            show stack traces of unexpected errors
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 success, 1 problems in content, config or templates (nothing written) or
no edition on the day asked, 2 wrong usage, 3 unexpected internal error, 75 the output folder
stayed held by another build or by "gazette dev" (nothing written), 130 and 143 stopped by SIGINT and SIGTERM.`;

const OPTIONS = {
  config: { type: 'string' },
  content: { type: 'string' },
  out: { type: 'string' },
  'base-url': { type: 'string' },
  drafts: { type: 'boolean' },
  future: { type: 'boolean' },
  now: { type: 'string' },
  'no-cache': { type: 'boolean' },
  wait: { type: 'string' },
  tags: { type: 'string' },
  html: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  quiet: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  cwd: string;
}

const processIo: Io = { out: (line) => console.log(line), err: (line) => console.error(line), cwd: process.cwd() };

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let args: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    args = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    io.err(`gazette: ${(error as Error).message}`);
    io.err('Run "gazette --help" for usage.');
    return EXIT.usage;
  }
  const { values, positionals } = args;
  if (values.version) {
    io.out(VERSION);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.out(HELP);
    return values.help || command === 'help' ? EXIT.ok : EXIT.usage;
  }

  const overrides: ConfigOverrides = {
    configFile: values.config,
    content: values.content,
    out: values.out,
    baseUrl: values['base-url'],
    drafts: values.drafts,
    future: values.future,
    now: values.now,
  };
  const waitMs = values.wait === undefined ? WAIT_SECONDS * 1000 : /^\d+(\.\d+)?$/.test(values.wait.trim()) ? Number(values.wait) * 1000 : NaN;
  if (Number.isNaN(waitMs)) {
    io.err(`gazette: --wait must be a number of seconds, 0 or more, not "${values.wait}"`);
    return EXIT.usage;
  }
  try {
    switch (command) {
      case 'build':
      case 'check':
        return await runBuild(command, overrides, io, { quiet: values.quiet ?? false, cache: !values['no-cache'], waitMs });
      case 'new':
        return await runNew(rest.join(' '), values.tags, overrides, io);
      case 'dev':
        return await runDev(overrides, values.port, values.host, { cache: !values['no-cache'], waitMs }, io);
      case 'edition':
        // Here --out names where the edition goes, not the site's output folder.
        return await runEdition(rest, { ...overrides, out: undefined }, { html: values.html ?? false, out: values.out, quiet: values.quiet ?? false }, io);
      default:
        io.err(`gazette: unknown command "${command}"`);
        io.err('Run "gazette --help" for usage.');
        return EXIT.usage;
    }
  } catch (error) {
    return report(error, io, values.debug ?? false);
  }
}

async function runBuild(command: 'build' | 'check', overrides: ConfigOverrides, io: Io, options: { quiet: boolean; cache: boolean; waitMs: number }): Promise<number> {
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
      const upToDate = write && options.cache ? await checkUpToDate(config) : undefined;
      if (boundsHeap(upToDate)) boundHeapGrowth();
      if (!upToDate?.upToDate) return await (await import('./incremental/publish.js')).build(config, { write, cache: options.cache, signal, upToDate });
      signal.throwIfAborted();
      return { ...upToDate.report, written: [], upToDate: true };
    } finally {
      lock?.release();
    }
  });
  for (const warning of result.warnings) io.err(`warning: ${warning.format()}`);
  if (!options.quiet) {
    const took = `${Math.round(performance.now() - started)} ms`;
    const stories = `${result.stories} ${result.stories === 1 ? 'story' : 'stories'}`;
    const folder = `${path.relative(io.cwd, config.outDir) || '.'}/`;
    io.out(!write
      ? `Checked ${stories} and ${result.pages} pages in ${took}: no problems`
      : result.upToDate
        ? `Nothing changed since the last build: ${folder} is up to date (${stories}, ${result.pages} pages, ${result.files} files, 0 written) in ${took}`
        : `Built ${stories} into ${result.pages} pages (${result.files} files, ${result.written.length} written) in ${folder} in ${took}`);
  }
  return EXIT.ok;
}

async function runNew(title: string, tags: string | undefined, overrides: ConfigOverrides, io: Io): Promise<number> {
  if (title.trim() === '') {
    io.err('gazette new: give the story a title, e.g. gazette new "Storm hits the coast" --tags weather');
    return EXIT.usage;
  }
  const config = loadConfig(io.cwd, overrides);
  const { createStory } = await import('./new-story.js');
  const file = await createStory(config, { title: title.trim(), tags: (tags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean) });
  io.out(`Created ${file}`);
  return EXIT.ok;
}

async function runDev(overrides: ConfigOverrides, port: string | undefined, host: string | undefined, options: { cache: boolean; waitMs: number }, io: Io): Promise<number> {
  const portNumber = Number(port ?? 4000);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    io.err(`gazette dev: --port must be a number from 0 to 65535, not "${port}"`);
    return EXIT.usage;
  }
  // The dev loop's first build reads every story, and its process lives on.
  boundHeapGrowth();
  const { startDev } = await import('./dev/dev.js');
  // Stopped during its first build, dev fails as a build does; stopped once serving, it ends well.
  return untilInterrupted(async (signal) => {
    const server = await startDev({ root: io.cwd, overrides, port: portNumber, host: host ?? '127.0.0.1', log: io.out, ...options, signal });
    await new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', resolve, { once: true })));
    await server.close();
    return EXIT.ok;
  });
}

async function runEdition(days: string[], overrides: ConfigOverrides, options: { html: boolean; out: string | undefined; quiet: boolean }, io: Io): Promise<number> {
  const [{ isDay, renderEmailEdition }, { EMAIL_FILES }] = await Promise.all([import('./edition.js'), import('./urls/paths.js')]);
  const [day, ...extra] = days;
  if (day === undefined || extra.length > 0 || !isDay(day)) {
    io.err(day === undefined || extra.length > 0
      ? 'gazette edition: give one day, e.g. gazette edition 2020-10-01'
      : `gazette edition: "${day}" is not a day written YYYY-MM-DD, e.g. gazette edition 2020-10-01`);
    return EXIT.usage;
  }
  const config = loadConfig(io.cwd, overrides);
  const edition = await renderEmailEdition(config, day);
  for (const warning of edition.warnings) io.err(`warning: ${warning.format()}`);
  const chosen = options.html ? edition.html : edition.text;
  if (options.out === undefined) {
    io.out(chosen.replace(/\n$/, ''));
    return EXIT.ok;
  }
  const target = path.resolve(io.cwd, options.out);
  const files = /[/\\]$/.test(options.out) || (await isFolder(target))
    ? [{ file: path.join(target, EMAIL_FILES.html), contents: edition.html }, { file: path.join(target, EMAIL_FILES.text), contents: edition.text }]
    : [{ file: target, contents: chosen }];
  for (const { file, contents } of files) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, contents);
    } catch (cause) {
      throw new GazetteError({ code: 'output-failed', file: shownPath(file, io.cwd), message: `cannot write the edition: ${(cause as Error).message}`, cause });
    }
  }
  if (!options.quiet) io.out(`Wrote the edition of ${day} to ${files.map(({ file }) => shownPath(file, io.cwd)).join(' and ')}`);
  return EXIT.ok;
}

/** A path below the working folder as a relative one, any other as it is. */
function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function isFolder(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Run with SIGINT and SIGTERM turned into an abort: the build stops within moments, before it writes
 * (or finishes the swap it began), removes its temporary folder and fails with `interrupted`. A
 * second signal finds no handler and ends the process at once.
 */
async function untilInterrupted<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (name: NodeJS.Signals) => controller.abort(new GazetteError({
    code: 'interrupted', field: name, message: 'the build was stopped; the output folder was left as it was',
  }));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function report(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof BuildFailed) {
    for (const problem of error.problems) {
      io.err(problem.format());
      if (debug && problem.cause) io.err(String((problem.cause as Error).stack ?? problem.cause));
    }
    io.err(`gazette: ${error.message}; nothing was written`);
    return EXIT.problems;
  }
  if (error instanceof GazetteError) {
    io.err(error.format());
    if (debug && error.cause) io.err(String((error.cause as Error).stack ?? error.cause));
    if (error.code === 'interrupted') return error.field === 'SIGTERM' ? EXIT.SIGTERM : EXIT.SIGINT;
    if (error.code === 'output-busy') return EXIT.busy;
    return error.code === 'usage' ? EXIT.usage : EXIT.problems;
  }
  io.err(showControls(`gazette: unexpected error: ${(error as Error).message ?? String(error)}`));
  io.err(debug ? String((error as Error).stack) : 'Run again with --debug to see where it happened, and report it.');
  return EXIT.internal;
}
