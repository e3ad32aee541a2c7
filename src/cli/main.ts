// The command line: find the command, read its arguments, run it, print problems like a compiler
// and map outcomes to exit codes. A user's mistake never shows a stack trace (unless --debug).
// Each command loads the modules it needs when it runs: a build with nothing to do loads none of
// the Markdown, template, image and search libraries.

import type { ConfigOverrides } from '../config-types.js';
import { BuildFailed, GazetteError, showControls } from '../errors.js';
import { closest } from '../suggest.js';
import { VERSION } from '../version.js';
import { parseArguments } from './arguments.js';
import { command as build } from './build.js';
import { command as check } from './check.js';
import { type Command, GLOBAL_OPTIONS, type Invocation, type OptionSpec, type OptionValues } from './command.js';
import { command as dev } from './dev.js';
import { command as edition } from './edition.js';
import { commandHelp, generalHelp } from './help.js';
import { command as importSite } from './import.js';
import { command as init } from './init.js';
import type { Io } from './io.js';
import { EXIT } from './io.js';
import { command as newStory } from './new.js';
import { command as theme } from './theme.js';

export const COMMANDS: readonly Command[] = [build, check, newStory, dev, edition, init, theme, importSite];

const VERSION_OPTION: OptionSpec = { name: 'version', type: 'boolean', short: 'v', summary: 'show the version' };

const processIo: Io = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  cwd: process.cwd(),
  // A terminal sees the build's progress redrawn; a CI log (CI is set by GitHub Actions, GitLab,
  // Netlify, Cloudflare Pages and most others) a line a stage; a plain pipe sees none.
  status: process.stderr.isTTY || process.env.CI ? { terminal: process.stderr.isTTY === true, write: (text) => void process.stderr.write(text) } : undefined,
};

export async function main(argv: string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    return await dispatch(argv, io, env);
  } catch (error) {
    return report(error, io, debug);
  }
}

async function dispatch(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const at = commandAt(argv);
  const name = at === undefined ? undefined : argv[at];
  if (at === undefined || name === 'help') {
    // `gazette help build` is `gazette build --help`.
    const after = at === undefined ? undefined : commandAt(argv.slice(at + 1));
    const asked = at === undefined || after === undefined ? undefined : argv[at + 1 + after];
    const top = parseArguments(
      argv.filter((_argument, index) => at === undefined || (index !== at && index !== at + 1 + (after ?? -1))),
      [...GLOBAL_OPTIONS, VERSION_OPTION],
      '"gazette --help"',
    );
    if (top.values.version) {
      io.out(VERSION);
      return EXIT.ok;
    }
    if (asked !== undefined) {
      io.out(commandHelp(findCommand(asked)));
      return EXIT.ok;
    }
    io.out(generalHelp(COMMANDS));
    return top.values.help || name === 'help' ? EXIT.ok : EXIT.usage;
  }
  const command = findCommand(name as string);
  const options = [...command.options, ...GLOBAL_OPTIONS.filter((option) => !command.options.some((own) => own.name === option.name))];
  const parsed = parseArguments(
    argv.filter((_argument, index) => index !== at),
    options,
    `"gazette ${command.name} --help"`,
  );
  if (parsed.values.help) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(invocation(parsed.values, parsed.positionals, env), io);
}

/** Where the first operand is: the command (an option's value is skipped, by the options any command takes). */
function commandAt(argv: readonly string[]): number | undefined {
  const all = [...GLOBAL_OPTIONS, ...COMMANDS.flatMap((command) => command.options)];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--') return index + 1 < argv.length ? index + 1 : undefined;
    if (!argument.startsWith('-')) return index;
    const takesValue = all.some((option) => option.type === 'string' && `--${option.name}` === argument);
    if (takesValue) index++;
  }
  return undefined;
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((known) => known.name === name);
  if (command) return command;
  const meant = closest(
    name,
    COMMANDS.map((known) => known.name),
  );
  throw new GazetteError({
    code: 'usage',
    message: `unknown command "${name}"${meant ? `: did you mean "${meant}"?` : ''}`,
    hint: 'Run "gazette --help" for the commands.',
  });
}

function invocation(values: OptionValues, positionals: readonly string[], env: NodeJS.ProcessEnv): Invocation {
  const text = (name: string) => values[name] as string | undefined;
  const fromEnvironment = text('base-url') === undefined && env.GAZETTE_BASE_URL !== undefined && env.GAZETTE_BASE_URL !== '';
  const overrides: ConfigOverrides = {
    configFile: text('config'),
    content: text('content'),
    out: text('out'),
    baseUrl: fromEnvironment ? env.GAZETTE_BASE_URL : text('base-url'),
    baseUrlFrom: fromEnvironment ? 'GAZETTE_BASE_URL' : '--base-url',
    drafts: values.drafts === true ? true : undefined,
    future: values.future === true ? true : undefined,
    now: text('now'),
  };
  return {
    values,
    positionals,
    overrides,
    cache: values['no-cache'] !== true,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    strict: values.strict === true,
  };
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
    // Wrong usage with no place is said plainly, with where to look: no code to decipher.
    const plain = error.code === 'usage' && error.field === undefined && error.file === undefined;
    io.err(plain ? showControls(`gazette: ${error.message}`) : error.format());
    if (plain && error.hint) io.err(error.hint);
    if (debug && error.cause) io.err(String((error.cause as Error).stack ?? error.cause));
    if (error.code === 'interrupted') return error.field === 'SIGTERM' ? EXIT.SIGTERM : EXIT.SIGINT;
    if (error.code === 'output-busy') return EXIT.busy;
    return error.code === 'usage' ? EXIT.usage : EXIT.problems;
  }
  io.err(showControls(`gazette: unexpected error: ${(error as Error).message ?? String(error)}`));
  io.err(debug ? String((error as Error).stack) : 'Run again with --debug to see where it happened, and report it.');
  return EXIT.internal;
}
