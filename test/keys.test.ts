import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyMaker, keyOf, keyOfJson } from '../src/keys.js';

describe('keys', () => {
  it('are the same for the same parts, text or bytes alike', () => {
    assert.equal(keyOf('a', 'b'), keyOf('a', 'b'));
    assert.equal(keyOf('é'), keyOf(Buffer.from('é')));
    assert.equal(keyMaker().add('a').add('b').key(), keyOf('a', 'b'));
  });

  it('tell apart parts that join into the same text', () => {
    assert.notEqual(keyOf('ab', 'c'), keyOf('a', 'bc'));
    assert.notEqual(keyOf('a\n', 'b'), keyOf('a', '\nb'));
    assert.notEqual(keyOf(''), keyOf());
  });

  it('are lower-case hexadecimal, fit to name a file on a disk that ignores case', () => {
    assert.match(keyOf('x'), /^[0-9a-f]{40}$/);
    assert.equal(keyOfJson({ a: [1] }), keyOf('{"a":[1]}'));
  });
});
