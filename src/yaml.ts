// YAML as data: YAML 1.2 core schema (no timestamps, so dates stay exactly as written and are
// validated by us, never rolled over), unique keys, a hard cap on aliases, and line numbers for
// every field so that errors can point at them.

import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';

export interface YamlData {
  value: unknown;
  /**
   * 1-based line and column of a field (dotted path such as `image.alt`, or its parts when a key
   * holds a dot; a number is an item of a list: `sections.2`), when present.
   */
  locate(path: string | readonly string[]): { line: number; column: number } | undefined;
}

export class YamlProblem extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const MAX_ALIASES = 100;

export function parseYaml(text: string): YamlData {
  const strict = parseYamlStrictly(text);
  if (strict.doc.errors.length === 0) return strict.data();
  // A quoted value continued on unindented lines, as js-yaml and PyYAML (Jekyll, Eleventy) read it.
  const continued = indentQuotedContinuations(text);
  if (continued !== text) {
    const lenient = parseYamlStrictly(continued);
    if (lenient.doc.errors.length === 0) return lenient.data();
  }
  return strict.data();
}

/**
 * `text` with the continuation lines of an unclosed quoted value (`title: "One\ntwo"`) indented by
 * one space more than their key, which YAML 1.2 asks for; lines keep their numbers.
 */
export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let open: { quote: string; indent: string } | undefined;
  return lines
    .map((line) => {
      if (open) {
        const indented = line.startsWith(`${open.indent} `) ? line : `${open.indent} ${line}`;
        if (closesQuote(line, open.quote)) open = undefined;
        return indented;
      }
      const start = /^(\s*)(?:- )?[^\s#"'][^:]*:[ \t]+(["'])(.*)$/.exec(line);
      if (start && !closesQuote(start[3] ?? '', start[2] ?? '"')) open = { quote: start[2] ?? '"', indent: start[1] ?? '' };
      return line;
    })
    .join('\n');
}

/** Whether a quoted scalar's text closes on this line: `"` not escaped, `'` not doubled. */
function closesQuote(rest: string, quote: string): boolean {
  if (quote === '"') return /(^|[^\\])(\\\\)*"/.test(rest);
  return /(^|[^'])('')*'(?!')/.test(rest);
}

function parseYamlStrictly(text: string): { doc: Document; data: () => YamlData } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter,
  });
  return { doc, data: () => readDocument(doc, lineCounter) };
}

function readDocument(doc: Document, lineCounter: LineCounter): YamlData {
  const [first] = doc.errors;
  if (first) {
    const at = lineCounter.linePos(first.pos[0]);
    // The parser is recursive: thousands of nested brackets exhaust its stack, which it reports as
    // is, at whatever column the stack ran out: only the line is meaningful.
    if (/call stack/i.test(first.message))
      throw new YamlProblem('nested too deeply', at.line, undefined, 'a story needs a few levels of lists and mappings, not thousands');
    throw new YamlProblem(first.message.split('\n')[0] ?? first.message, at.line, at.col);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    const alias = firstAlias(doc);
    const at = alias === undefined ? undefined : lineCounter.linePos(alias);
    throw new YamlProblem(
      `refused: ${error instanceof Error ? error.message : String(error)} (more than ${MAX_ALIASES} alias expansions)`,
      at?.line,
      at?.col,
      'write the values out instead of repeating &anchors with *aliases',
    );
  }
  return {
    // Copied, so that no string of the value is a piece of the text: V8 keeps a whole story file
    // alive for a tag that is a slice of it.
    value: structuredClone(value),
    locate(path) {
      const offset = keyOffset(doc, typeof path === 'string' ? path.split('.') : path);
      if (offset === undefined) return undefined;
      const at = lineCounter.linePos(offset);
      return { line: at.line, column: at.col };
    },
  };
}

/** Where the first alias (`*name`) starts. */
function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

function keyOffset(doc: Document, path: readonly string[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const key of path) {
    if (isSeq(node) && /^\d+$/.test(key)) {
      const item = node.items[Number(key)] as { range?: [number, number, number] } | undefined;
      if (!item?.range) return offset;
      offset = item.range[0];
      node = item;
      continue;
    }
    if (!isMap(node)) return offset;
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
    if (!pair || !isScalar(pair.key) || !pair.key.range) return offset;
    offset = pair.key.range[0];
    node = pair.value;
  }
  return offset;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
