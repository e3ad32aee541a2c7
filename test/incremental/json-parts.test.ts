import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonParts } from '../../src/incremental/json-parts.js';

const SAMPLES: unknown[] = [
  {
    format: 9,
    code: 'abc',
    stories: { 'k/1=': { source: { title: 'Café "Oran"', slug: undefined, tags: ['a', 'b'] }, date: 1, updated: null }, k2: { source: {}, date: 2 } },
    output: null,
  },
  { output: { identity: 'x', files: { 'index.html': 'key', 'tags/ünï/index.html': 'key2' }, inputs: {} }, empty: {}, list: [{ a: 1 }, [2, 3]] },
  { skipped: undefined, run: () => 1, kept: 0, last: undefined },
  { nested: { deeper: { deepest: { key: 'value', gone: undefined } } } },
  { toJson: { toJSON: () => 'as text' }, date: new Date(0) },
  [1, { a: 2 }],
  'text',
  null,
  {},
];

describe('jsonParts', () => {
  it('gives the text JSON.stringify gives, at every depth', () => {
    for (const value of SAMPLES) {
      for (const depth of [0, 1, 2, 3, 5])
        assert.equal([...jsonParts(value, depth)].join(''), JSON.stringify(value), `${JSON.stringify(value)} at depth ${depth}`);
    }
  });

  it('gives each member of an opened table as pieces of its own', () => {
    const table = Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`file-${index}.html`, `key-${index}`]));
    const parts = [...jsonParts({ files: table }, 2)];
    assert.ok(parts.length > 2000);
    assert.ok(Math.max(...parts.map((part) => part.length)) < 40);
  });
});
