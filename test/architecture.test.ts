// The layers of src/ hold: a module imports only from its own layer or a lower one, no import goes
// round in a cycle (between files, or between folders), and the pure stages never touch the disk
// or start a process. docs/architecture.md draws the layers.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const SRC = path.resolve(import.meta.dirname, '../src');

/** Lowest first: each entry is a folder of src/ (ending in `/`) or a file of its own. */
const LAYERS: readonly (readonly string[])[] = [
  [
    'errors.ts',
    'version.ts',
    'yaml.ts',
    'copy-with.ts',
    'language.ts',
    'threads.ts',
    'processes.ts',
    'in-parallel.ts',
    'keys.ts',
    'escape.ts',
    'code-fingerprint.ts',
    'suggest.ts',
    'progress.ts',
    'words.ts',
  ],
  ['urls/'],
  ['config-types.ts', 'config.ts', 'config-settings.ts', 'config-words.ts', 'config-file.ts'],
  ['output/'],
  ['content/'],
  ['model/'],
  ['markdown/'],
  ['images/', 'attachments/'],
  ['render/'],
  ['feeds/', 'search/', 'sitemaps.ts'],
  ['pages/'],
  ['reuse.ts', 'build.ts', 'edition.ts', 'new-story.ts', 'kept-urls.ts'],
  ['incremental/'],
  ['import/'],
  ['dev/', 'cli/'],
];

/** Stages that take data and give data: no file system, no processes. */
const PURE = ['urls/', 'model/', 'render/', 'pages/', 'feeds/'];
const IMPURE_MODULES = /^node:(fs|fs\/promises|child_process)$|^(fs|child_process)$/;

const files = readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.split(path.sep).join('/'))
  .sort();
const unitOf = (file: string) => (file.includes('/') ? `${file.split('/')[0]}/` : file);
const layerOf = (file: string) => LAYERS.findIndex((layer) => layer.includes(unitOf(file)));

/** Every module each file imports: relative ones as files of src/, others as written. */
function importsOf(file: string): { local: string[]; external: string[] } {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm),
  ].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
  const local = specifiers
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
  return { local, external: specifiers.filter((spec) => !spec.startsWith('.')) };
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** The cycles of a graph (its strongly connected components of more than one node, or a node importing itself). */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (stack.includes(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the layers of src/', () => {
  it('names every file of src/ in a layer', () => {
    assert.deepEqual(
      files.filter((file) => layerOf(file) === -1),
      [],
    );
  });

  it('has no import that climbs to a higher layer', () => {
    const upward = [...graph].flatMap(([file, { local }]) =>
      local.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} imports ${target}`),
    );
    assert.deepEqual(upward, []);
  });

  it('has no cycle between files', () => {
    assert.deepEqual(cycles(new Map([...graph].map(([file, { local }]) => [file, new Set(local)]))), []);
  });

  it('has no cycle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, { local }] of graph) {
      const from = unitOf(file);
      const targets = folders.get(from) ?? new Set<string>();
      for (const target of local) if (unitOf(target) !== from) targets.add(unitOf(target));
      folders.set(from, targets);
    }
    assert.deepEqual(cycles(folders), []);
  });

  it('keeps the disk and processes out of the pure stages', () => {
    const impure = [...graph].flatMap(([file, { external }]) =>
      PURE.includes(unitOf(file)) ? external.filter((spec) => IMPURE_MODULES.test(spec)).map((spec) => `${file} imports ${spec}`) : [],
    );
    assert.deepEqual(impure, []);
  });

  it('keeps every file of src/ under 300 lines', () => {
    const long = files.map((file) => [file, readFileSync(path.join(SRC, file), 'utf8').split('\n').length] as const).filter(([, lines]) => lines > 300);
    assert.deepEqual(long, []);
  });
});
