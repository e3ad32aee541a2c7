import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyWith } from '../src/copy-with.js';
import { hiddenClasses } from './support/shapes.js';

describe('copyWith', () => {
  it('copies the base with fields added or replaced, leaving the base as it was', () => {
    const base = { title: 'Oil', tags: ['Libya'], draft: false };
    const made = copyWith(base, { draft: true, slug: 'oil' });
    assert.deepEqual(made, { title: 'Oil', tags: ['Libya'], draft: true, slug: 'oil' });
    assert.deepEqual(base, { title: 'Oil', tags: ['Libya'], draft: false });
    assert.equal(made.tags, base.tags, 'a shallow copy');
  });

  it('gives the objects it makes from objects of one shape one hidden class', () => {
    const made = Array.from({ length: 200 }, (_, index) =>
      copyWith({ title: `Story ${index}`, tags: [index], draft: index % 2 === 0 }, { slug: `story-${index}`, related: [] }),
    );
    assert.equal(hiddenClasses(made), 1);
  });
});
