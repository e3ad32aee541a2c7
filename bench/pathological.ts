// Markdown that remark (micromark, its GFM extensions, mdast-util-to-hast) renders slowly: each
// shape repeats one small pattern to any size, the way a careless paste or a hostile author would,
// and passes every check a story must pass before it is rendered (size, nesting, control
// characters), so only the time budget stands between it and a build that never ends. Realistic
// prose (bench/prose.ts) is the yardstick. `npm test` renders each shape small; `npm run bench --
// --pathological` measures them up to the largest story there may be.

import { composeBody } from './prose.js';
import { createRandom } from './random.js';

export interface PathologicalShape {
  name: string;
  /** What the Markdown looks like, for the benchmark's table. */
  looks: string;
  /** About `bytes` bytes of it (ASCII: characters are bytes). */
  make(bytes: number): string;
}

/** `unit` again and again, cut to `bytes`. */
function repeated(unit: string): (bytes: number) => string {
  return (bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** Numbered units (`[^1] [^2] …`), cut to `bytes`. */
function numbered(unit: (index: number) => string): (bytes: number) => string {
  return (bytes) => {
    const parts: string[] = [];
    let length = 0;
    for (let index = 1; length < bytes; index++) {
      const part = unit(index);
      parts.push(part);
      length += part.length;
    }
    return parts.join('').slice(0, bytes);
  };
}

/** Paragraphs of the benchmark corpus's wire prose, with headings, lists, quotes, tables and links. */
function prose(bytes: number): string {
  const random = createRandom(1);
  const blocks: string[] = [];
  let length = 0;
  while (length < bytes) {
    const block = composeBody(random, () => '2022/03/04/talks-resume');
    blocks.push(block);
    length += block.length + 1;
  }
  return blocks.join('\n').slice(0, bytes);
}

export const PATHOLOGICAL_SHAPES: readonly PathologicalShape[] = [
  { name: 'prose', looks: 'realistic wire prose (the yardstick)', make: prose },
  { name: 'emphasis', looks: '`*a*a*a…` (emphasis never closed)', make: repeated('*a') },
  { name: 'mixed emphasis', looks: '`*a_a*a_a…`', make: repeated('*a_a') },
  { name: 'strikethrough', looks: '`~a~a~a…`', make: repeated('~a') },
  { name: 'backtick runs', looks: '`` `a``a```a…`` (code spans of every length, none closed)', make: numbered((index) => `${'`'.repeat(index)}a`) },
  { name: 'closing brackets', looks: '`a]a]a]…`', make: repeated('a]') },
  { name: 'link openers', looks: '`[a]([a]([a](…` (links never closed)', make: repeated('[a](') },
  { name: 'image openers', looks: '`![a](![a](…`', make: repeated('![a](') },
  { name: 'references', looks: '`[a] [a] [a] …` (references to no definition)', make: repeated('[a] ') },
  {
    name: 'definitions',
    looks: '`[r1]: /1` lines, then `[r1] [r2] …`',
    make: (bytes) => `${numbered((index) => `[r${index}]: /${index}\n`)(bytes / 2)}\n\n${numbered((index) => `[r${index}] `)(bytes / 2)}`,
  },
  { name: 'footnote references', looks: '`[^1] [^2] [^3] …` (notes never defined)', make: numbered((index) => `[^${index}] `) },
  { name: 'table', looks: 'a two-column table of many rows', make: (bytes) => `| a | b |\n|---|---|\n${repeated('| c | d |\n')(bytes)}` },
  { name: 'pipes', looks: '`| a |` lines with no delimiter row', make: repeated('| a |\n') },
  { name: 'list', looks: '`- a` lines: one list of many items', make: repeated('- a\n') },
  { name: 'nested lists', looks: 'lists nested 1 to 90 deep, again and again', make: numbered((index) => `${'  '.repeat(index % 90)}- a\n`) },
  { name: 'nested quotes', looks: 'block quotes nested 1 to 90 deep, again and again', make: numbered((index) => `${'> '.repeat(1 + (index % 90))}a\n`) },
  { name: 'setext headings', looks: '`a` and `=` lines in turn', make: repeated('a\n=\n') },
  { name: 'raw HTML', looks: '`<b>a<b>a…`', make: repeated('<b>a') },
  { name: 'entities', looks: '`&amp;&amp;…`', make: repeated('&amp;') },
  { name: 'www links', looks: '`www.a_www.a_…` (link literals with underscores)', make: repeated('www.a_') },
];

export function pathologicalShape(name: string): PathologicalShape {
  const shape = PATHOLOGICAL_SHAPES.find((candidate) => candidate.name === name);
  if (shape === undefined) throw new Error(`no pathological shape "${name}"`);
  return shape;
}
