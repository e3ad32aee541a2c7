// "Did you mean": the nearest known word to a slip of the keyboard, and nothing for a word far from all.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, editDistance } from '../src/suggest.js';

describe('closest', () => {
  it('finds the word meant through a swap, a letter dropped, added or changed', () => {
    assert.equal(closest('tgas', ['title', 'tags', 'date']), 'tags');
    assert.equal(closest('sumary', ['summary', 'section']), 'summary');
    assert.equal(closest('buidl', ['build', 'check', 'new', 'dev', 'edition']), 'build');
    assert.equal(closest('bse-url', ['base-url', 'out']), 'base-url');
    assert.equal(closest('Tags', ['tags']), 'tags');
  });

  it('suggests nothing for a word far from every known one', () => {
    assert.equal(closest('publish', ['build', 'check', 'new', 'dev', 'edition']), undefined);
    assert.equal(closest('rating', ['title', 'tags', 'date', 'draft']), undefined);
    assert.equal(closest('xyz', ['new']), undefined);
  });

  it('counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('tgas', 'tags'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});
