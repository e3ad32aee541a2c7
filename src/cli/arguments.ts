// Arguments read against a command's options: `--name value`, `--name=value`, `-h`, and `--` before
// operands that start with a dash. A mistake is our own message, with the option meant when near.

import { GazetteError } from '../errors.js';
import { closest } from '../suggest.js';
import type { OptionSpec, OptionValues } from './command.js';

export interface ParsedArguments {
  values: OptionValues;
  positionals: string[];
}

/** `argv` read with `options`; `usage` names where to look when an argument is wrong. */
export function parseArguments(argv: readonly string[], options: readonly OptionSpec[], usage: string): ParsedArguments {
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  const wrong = (message: string): GazetteError => new GazetteError({ code: 'usage', message, hint: `Run ${usage} for the options.` });
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!argument.startsWith('-') || argument === '-') {
      positionals.push(argument);
      continue;
    }
    const long = argument.startsWith('--');
    const [written, inline] = long ? splitInline(argument.slice(2)) : [argument.slice(1), undefined];
    const option = long ? options.find((spec) => spec.name === written) : options.find((spec) => spec.short === written);
    if (option === undefined) {
      const meant = long
        ? closest(
            written,
            options.map((spec) => spec.name),
          )
        : undefined;
      throw wrong(`unknown option ${long ? '--' : '-'}${written}${meant ? `: did you mean --${meant}?` : ''}`);
    }
    if (option.type === 'boolean') {
      if (inline !== undefined) throw wrong(`--${option.name} takes no value, found "${inline}"`);
      values[option.name] = true;
      continue;
    }
    const value = inline ?? argv[index + 1];
    // A value that looks like an option is a forgotten value: `--out --drafts`.
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw wrong(`--${option.name} needs a value: --${option.name} ${option.placeholder ?? '<value>'}`);
    }
    if (inline === undefined) index++;
    values[option.name] = value;
  }
  return { values, positionals };
}

function splitInline(text: string): [string, string | undefined] {
  const equals = text.indexOf('=');
  return equals === -1 ? [text, undefined] : [text.slice(0, equals), text.slice(equals + 1)];
}
