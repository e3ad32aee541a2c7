import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDeepNesting, MAX_NESTING } from '../../src/content/nesting.js';

describe('findDeepNesting', () => {
  it('passes ordinary stories: quotes, nested lists, emphasis, links, rules, code', () => {
    const story =
      '# Title\n\n> A quote\n> - with a list\n>   - nested **bold** and _em_\n\n1. One\n   1. One.one\n\n[a *link*](/x/) ![an image](/i.png)\n\n***\n\n________________________________\n';
    assert.equal(findDeepNesting(story), undefined);
  });

  it('allows exactly the limit and refuses one level more, at its line', () => {
    assert.equal(findDeepNesting(`${'>'.repeat(MAX_NESTING)} x`), undefined);
    assert.deepEqual(findDeepNesting(`ok\n\n${'> '.repeat(MAX_NESTING + 1)}x`), { line: 3, depth: MAX_NESTING + 1 });
  });

  it('counts blockquote and list markers, list levels by indentation, emphasis and brackets', () => {
    assert.deepEqual(findDeepNesting(`${'> - 1. '.repeat(40)}x`), { line: 1, depth: 120 });
    assert.deepEqual(findDeepNesting(`${' '.repeat(300)}- deep`), { line: 1, depth: 151 });
    assert.deepEqual(findDeepNesting(`${'_'.repeat(300)}a${'_'.repeat(300)}`), { line: 1, depth: 150 });
    assert.deepEqual(findDeepNesting(`${'!['.repeat(200)}a`), { line: 1, depth: 200 });
  });

  it('does not count escaped brackets, lines of rules, or anything inside fenced code', () => {
    assert.equal(findDeepNesting('\\['.repeat(500)), undefined);
    assert.equal(findDeepNesting('*'.repeat(5000)), undefined);
    assert.equal(findDeepNesting(`\`\`\`json\n${'['.repeat(5000)}\n\`\`\`\n~~~\n${'>'.repeat(5000)}\n~~~\nafter`), undefined);
    assert.deepEqual(findDeepNesting(`\`\`\`\ncode\n\`\`\`\n${'>'.repeat(500)}`), { line: 4, depth: 500 });
  });

  it('measures a megabyte of markers in well under a second', () => {
    const started = performance.now();
    assert.equal(findDeepNesting('>'.repeat(1_000_000))?.depth, 1_000_000);
    assert.ok(performance.now() - started < 1000);
  });
});
