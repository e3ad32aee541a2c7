// Front-matter in the forms other generators write besides YAML: TOML between `+++` lines (Hugo,
// Zola; smol-toml) and JSON (a `---json` fence, or Hugo's bare `{ … }` at the top of the file).
// Both are data: dates stay as written (validated later, never rolled over), nothing is run.

import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import { parseYaml, type YamlData, YamlProblem } from '../yaml.js';

export class FormProblem extends Error {
  constructor(
    message: string,
    /** 1-based, within the front-matter text. */
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
  }
}

export function readToml(text: string): YamlData {
  refuseRolledDates(text);
  let value: unknown;
  try {
    value = parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const message = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
    throw new FormProblem(`invalid TOML: ${message}`, error.line, error.column);
  }
  return { value: asData(value), locate: locateByText(text) };
}

/** JSON, read as the YAML 1.2 it is a part of: one parser with lines for every field and error. */
export function readJson(text: string): YamlData {
  try {
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YamlProblem)) throw error;
    throw new FormProblem(`invalid JSON: ${error.message}`, error.line, error.column);
  }
}

/**
 * smol-toml reads 2021-02-30 as March 2: a day the month does not have is refused here, at its
 * place, before it can be rolled over.
 */
function refuseRolledDates(text: string): void {
  for (const match of text.matchAll(/([=[,]\s*)(\d{4})-(\d{2})-(\d{2})/g)) {
    const [, before = '', year, month, day] = match.map(String);
    const real = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (real.getUTCMonth() !== Number(month) - 1 || real.getUTCDate() !== Number(day)) {
      const at = placeOf(text, (match.index ?? 0) + before.length);
      throw new FormProblem(`invalid TOML: ${year}-${month}-${day} is not a real date`, at.line, at.column);
    }
  }
}

/** Where a bare JSON object at the top of `text` ends (after its closing brace), or -1. */
export function endOfJsonObject(text: string): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/** TOML's dates as the text they were (`2020-10-03T16:40:00+01:00`), its tables as plain objects. */
function asData(value: unknown): unknown {
  if (value instanceof TomlDate) return value.toISOString();
  if (Array.isArray(value)) return value.map(asData);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asData(item)]));
  return value;
}

function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** A field's line, found by its key at the start of a line (`key =`, `"key":`): enough to point an author at it. */
function locateByText(text: string): YamlData['locate'] {
  const lines = text.split('\n');
  return (path) => {
    const parts = typeof path === 'string' ? path.split('.') : path;
    const key = [...parts].reverse().find((part) => !/^\d+$/.test(part));
    if (key === undefined) return undefined;
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^(\\s*)["']?${escaped}["']?\\s*[=:]`);
    for (const [index, line] of lines.entries()) {
      const match = pattern.exec(line);
      if (match) return { line: index + 1, column: (match[1]?.length ?? 0) + 1 };
    }
    return undefined;
  };
}
