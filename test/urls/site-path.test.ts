import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pagePath, readSitePath } from '../../src/urls/site-path.js';

describe('readSitePath', () => {
  it('keeps an old URL exactly: capitals, underscores, dots, escapes decoded', () => {
    assert.deepEqual(readSitePath('/2020/10/03/My_Post.html'), { path: '2020/10/03/My_Post.html' });
    assert.deepEqual(readSitePath('/blog/Release-1.2/'), { path: 'blog/Release-1.2/' });
    assert.deepEqual(readSitePath('/caf%C3%A9/'), { path: 'café/' });
  });

  it('refuses what a server or a disk would read as something else', () => {
    for (const [written, why] of [
      ['blog/x/', 'does not start with "/"'],
      ['/', 'is the front page'],
      ['/a/%2e%2e/b/', 'has a ".." segment'],
      ['/a/./b', 'has a "." segment'],
      ['/a//b', 'has an empty segment ("//")'],
      ['/a%3Fb', 'has a character a URL path or a file name cannot hold (? # \\ % < > " | * : or a control character)'],
      ['/100%25', 'has a character a URL path or a file name cannot hold (? # \\ % < > " | * : or a control character)'],
      ['/a%ZZ', 'has a broken percent-escape (write % as %25)'],
      ['/aux.html', 'has "aux.html", a reserved device name on Windows'],
      [`/${'a'.repeat(256)}/`, 'has a segment longer than 255 bytes'],
    ]) {
      assert.deepEqual(readSitePath(written as string), { problem: why }, written);
    }
  });
});

describe('pagePath', () => {
  it('keeps a folder or an .html file, and makes any other path a folder', () => {
    assert.equal(pagePath('blog/post/'), 'blog/post/');
    assert.equal(pagePath('2020/My_Post.html'), '2020/My_Post.html');
    assert.equal(pagePath('blog/post'), 'blog/post/');
  });
});
