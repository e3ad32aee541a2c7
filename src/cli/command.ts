// The shape of a command: its name, a line saying what it does, its options and its run. main.ts
// parses arguments by these, prints per-command help from them and suggests the nearest name.

import type { ConfigOverrides } from '../config-types.js';
import type { Io } from './io.js';

export interface OptionSpec {
  name: string;
  /** A flag, or an option that takes a value (named in help as `placeholder`). */
  type: 'boolean' | 'string';
  placeholder?: string;
  short?: string;
  summary: string;
}

/** The options as parsed: a flag's `true`, a value's text. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface Invocation {
  values: OptionValues;
  positionals: readonly string[];
  /** The site settings the flags and environment override. */
  overrides: ConfigOverrides;
  cache: boolean;
  quiet: boolean;
  verbose: boolean;
  strict: boolean;
}

export interface Command {
  name: string;
  /** What comes after the name in the usage line, e.g. `"Title"`. */
  operands?: string;
  summary: string;
  /** The command's own options; the global ones (GLOBAL_OPTIONS) apply to every command. */
  options: readonly OptionSpec[];
  run(invocation: Invocation, io: Io): Promise<number>;
}

/** Flags every command takes: the site's settings, the cache, what is printed. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'config', type: 'string', placeholder: '<file>', summary: 'configuration file (default: gazette.config.yaml|yml|json)' },
  { name: 'content', type: 'string', placeholder: '<dir>', summary: 'content folder (default: content/)' },
  { name: 'out', type: 'string', placeholder: '<dir>', summary: 'output folder (default: dist/)' },
  {
    name: 'base-url',
    type: 'string',
    placeholder: '<url>',
    summary: 'absolute base URL of the published site (else GAZETTE_BASE_URL, else baseUrl)',
  },
  { name: 'drafts', type: 'boolean', summary: 'include stories with "draft: true"' },
  { name: 'future', type: 'boolean', summary: 'include stories dated after now' },
  { name: 'now', type: 'string', placeholder: '<date>', summary: "the build's clock, ISO 8601 (for reproducible builds)" },
  { name: 'no-cache', type: 'boolean', summary: 'build everything, without reading or writing .gazette/cache/' },
  { name: 'quiet', type: 'boolean', summary: 'print problems only' },
  { name: 'verbose', type: 'boolean', summary: 'print each stage of the build as it starts, with its time' },
  { name: 'strict', type: 'boolean', summary: 'every warning is an error: exit 1, nothing written (for CI)' },
  { name: 'debug', type: 'boolean', summary: 'show stack traces of unexpected errors' },
  { name: 'help', type: 'boolean', short: 'h', summary: 'show this help' },
];
