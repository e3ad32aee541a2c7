// The command line: parse arguments, run a command, print problems like a compiler and map
// outcomes to exit codes. A user's mistake never shows a stack trace (unless --debug).
// Each command loads the modules it needs when it runs: a build with nothing to do loads none of
// the Markdown, template, image and search libraries.

import { parseArgs } from 'node:util';
import type { ConfigOverrides } from '../config.js';
import { BuildFailed, GazetteError, showControls } from '../errors.js';
import { WAIT_SECONDS } from '../output/lock.js';
import { VERSION } from '../version.js';
import { runBuild } from './build.js';
import { runDev } from './dev.js';
import { runEdition } from './edition.js';
import { runImport } from './import.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import { runNew } from './new.js';

const HELP = `Usage: gazette <command> [options]

Commands:
  build              build the site into the output folder (default: dist/)
  check              validate content, config and templates; write nothing
  new "Title"        create content/YYYY/MM/DD/<slug>.md dated now (--tags a,b)
  import <jekyll|hugo|zola|pelican> SOURCE
                     turn another generator's posts into stories, their old URLs kept
                     (--into <dir>: where to write them, default content/)
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
  --allow-moved      let a URL the previous site published disappear (a warning, not
                     the error permalink-moved)
  --previous-sitemap <file|url>
                     also keep every URL of this sitemap.xml (the old site's)
  --verbose          list what is left out (ignored files)
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
  into: { type: 'string' },
  'allow-moved': { type: 'boolean' },
  'previous-sitemap': { type: 'string' },
  verbose: { type: 'boolean' },
  quiet: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

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
        return await runBuild(command, overrides, io, {
          quiet: values.quiet ?? false,
          verbose: values.verbose ?? false,
          cache: !values['no-cache'],
          waitMs,
          allowMoved: values['allow-moved'] ?? false,
          previousSitemap: values['previous-sitemap'],
        });
      case 'new':
        return await runNew(rest.join(' '), values.tags, overrides, io);
      case 'import':
        return await runImport(rest, values.into, io);
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
