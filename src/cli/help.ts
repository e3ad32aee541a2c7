// The help text, made from the commands and their options: `gazette --help` lists the commands,
// `gazette <command> --help` every option that command takes.

import { type Command, GLOBAL_OPTIONS, type OptionSpec } from './command.js';
import { EXIT } from './io.js';

export function generalHelp(commands: readonly Command[]): string {
  return [
    'Usage: gazette <command> [options]',
    '',
    'Commands:',
    ...table(commands.map((command) => [command.name, command.summary])),
    '',
    'Global options (every command):',
    ...optionTable(GLOBAL_OPTIONS),
    ...optionTable([{ name: 'version', type: 'boolean', short: 'v', summary: 'show the version' }]),
    '',
    'Run "gazette <command> --help" for the options of a command.',
    '',
    EXIT_CODES,
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const own = command.options;
  const global = GLOBAL_OPTIONS.filter((option) => !own.some((mine) => mine.name === option.name));
  return [
    `Usage: gazette ${command.name}${command.operands ? ` ${command.operands}` : ''} [options]`,
    '',
    `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`,
    ...(own.length > 0 ? ['', 'Options:', ...optionTable(own)] : []),
    '',
    'Global options:',
    ...optionTable(global),
  ].join('\n');
}

const EXIT_CODES = `Exit codes: ${EXIT.ok} success, ${EXIT.problems} problems in content, config or templates (nothing written) or
no edition on the day asked, ${EXIT.usage} wrong usage, ${EXIT.internal} unexpected internal error, ${EXIT.busy} the output folder
stayed held by another build or by "gazette dev" (nothing written), ${EXIT.SIGINT} and ${EXIT.SIGTERM} stopped by SIGINT and SIGTERM.`;

const COLUMN = 22;

function optionTable(options: readonly OptionSpec[]): string[] {
  return table(
    options.map((option) => [
      `${option.short ? `-${option.short}, ` : ''}--${option.name}${option.placeholder ? ` ${option.placeholder}` : ''}`,
      option.summary,
    ]),
  );
}

/** Two columns; a first column too wide for its place puts the second on the next line. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  return rows.flatMap(([left, right]) =>
    left.length + 2 < COLUMN ? [`  ${left.padEnd(COLUMN - 2)}${right}`] : [`  ${left}`, `${' '.repeat(COLUMN)}${right}`],
  );
}
