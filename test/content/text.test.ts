import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRemoved, removeUnpublishable } from '../../src/content/text.js';

describe('removeUnpublishable', () => {
  it('keeps text, tabs, newlines, right-to-left text and emoji', () => {
    const text = 'Line one\tand\nالجزائر 🇩🇿 👩🏽‍💻 e\u0301';
    assert.deepEqual(removeUnpublishable(text), { text, count: 0, first: undefined });
  });

  it('removes C0 and C1 controls, DEL, U+FFFE/U+FFFF and lone surrogates, and says where the first was', () => {
    const removed = removeUnpublishable('a\u0000b\u0007c\u001b[0m\u007f\u0085\uFFFE\uD800d');
    assert.equal(removed.text, 'abc[0md');
    assert.equal(removed.count, 7);
    assert.deepEqual(removed.first, { name: 'U+0000', offset: 1 });
    assert.equal(describeRemoved(removed), '7 control characters removed (the first: U+0000)');
  });
});
