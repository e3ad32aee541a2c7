import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseYaml, YamlProblem } from '../src/yaml.js';

/** Billion laughs: `levels` anchors, each a list of `width` aliases of the one before. */
function aliasBomb(levels: number, width: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < levels; level++) {
    lines.push(
      `l${level}: &l${level} [${Array(width)
        .fill(`*l${level - 1}`)
        .join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function problemOf(text: string): YamlProblem {
  try {
    parseYaml(text);
  } catch (error) {
    assert.ok(error instanceof YamlProblem, `expected a YamlProblem, got ${String(error)}`);
    return error;
  }
  assert.fail('the YAML was accepted');
}

describe('parseYaml', () => {
  const text = 'title: Hello\ndate: 2020-10-01\nimage:\n  src: a.png\n  alt: A picture\n';

  it('reads the values', () => {
    assert.deepEqual(parseYaml(text).value, { title: 'Hello', date: '2020-10-01', image: { src: 'a.png', alt: 'A picture' } });
  });

  it('gives values that do not keep the text alive', () => {
    // A long text with a short value in it, as a story's front-matter and body are: only the value may stay.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const heldValues = (count: number) =>
      Array.from({ length: count }, (_, index) => {
        const { value } = parseYaml(`tags: [Economy of Mauritania ${index}]\n# ${'x'.repeat(1_000_000)}\n`) as { value: { tags: string[] } };
        return value.tags[0];
      });
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const held = heldValues(20);
    collectGarbage();
    const grown = process.memoryUsage().heapUsed - before;
    assert.deepEqual(held.slice(0, 2), ['Economy of Mauritania 0', 'Economy of Mauritania 1']);
    assert.ok(grown < 5_000_000, `holding 20 tags kept ${Math.round(grown / 1e6)} MB of their 20 MB of text`);
  });

  it('locates top-level and nested fields by line and column', () => {
    const data = parseYaml(text);
    assert.deepEqual(data.locate('title'), { line: 1, column: 1 });
    assert.deepEqual(data.locate('date'), { line: 2, column: 1 });
    assert.deepEqual(data.locate('image.alt'), { line: 5, column: 3 });
  });

  it('locates a missing nested field at its parent, and a missing field nowhere', () => {
    const data = parseYaml(text);
    assert.deepEqual(data.locate('image.caption'), { line: 3, column: 1 });
    assert.equal(data.locate('summary'), undefined);
  });

  it('keeps dates as the strings written, impossible ones included', () => {
    const { value } = parseYaml('a: 2021-02-30\nb: 2020-10-01T16:40:00+01:00\nc: 2020-10-01 16:40\n');
    assert.deepEqual(value, { a: '2021-02-30', b: '2020-10-01T16:40:00+01:00', c: '2020-10-01 16:40' });
  });

  it('reads YAML 1.2: yes/no/on are text, not booleans', () => {
    assert.deepEqual(parseYaml('a: yes\nb: on\nc: true\nd: 12\n').value, { a: 'yes', b: 'on', c: true, d: 12 });
  });

  it('refuses a duplicate key, at the line of the second one', () => {
    const problem = problemOf('title: One\ndate: 2020-10-01\ntitle: Two\n');
    assert.equal(problem.message, 'Map keys must be unique');
    assert.equal(problem.line, 3);
    assert.equal(problem.column, 1);
  });

  it('reports a syntax error with its line and column', () => {
    const problem = problemOf('title: Fine\nsummary: a: b\n');
    assert.equal(problem.line, 2);
    assert.equal(problem.column, 10);
  });

  it('refuses nesting deep enough to exhaust the parser, at its line', () => {
    const problem = problemOf(`a: 1\nb: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    assert.equal(problem.message, 'nested too deeply');
    assert.deepEqual([problem.line, problem.column], [2, undefined]);
  });

  it('allows a few aliases', () => {
    assert.deepEqual(parseYaml('a: &x [1, 2]\nb: *x\nc: *x\n').value, { a: [1, 2], b: [1, 2], c: [1, 2] });
  });

  it('refuses an alias bomb quickly', () => {
    const started = performance.now();
    const problem = problemOf(aliasBomb(9, 9));
    const elapsed = performance.now() - started;
    assert.match(problem.message, /^refused: .*\(more than 100 alias expansions\)$/);
    assert.deepEqual([problem.line, problem.column], [2, 10], 'at the first alias');
    assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms`);
  });
});
