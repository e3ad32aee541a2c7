// Share links need no script: each is a plain address, the story's title and URL encoded into it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shareLinks } from '../../src/render/share.js';

describe('shareLinks', () => {
  const url = 'https://example.org/2020/10/01/us-defense/';
  const title = 'US & Algeria: "talks"';

  it('gives each configured target, in order, its address with the title and URL encoded', () => {
    const links = shareLinks(['x', 'email', 'link'], title, url);
    assert.deepEqual(
      links.map(({ target }) => target),
      ['x', 'email', 'link'],
    );
    const x = new URL(links[0]?.url ?? '');
    assert.equal(x.origin, 'https://x.com');
    assert.equal(x.searchParams.get('text'), title);
    assert.equal(x.searchParams.get('url'), url);
    assert.equal(links[1]?.url, `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`);
    assert.equal(links[2]?.url, url);
  });

  it('shares on every network by its own share address', () => {
    const links = shareLinks(['bluesky', 'facebook', 'linkedin', 'whatsapp'], title, url);
    assert.deepEqual(
      links.map((link) => new URL(link.url).host),
      ['bsky.app', 'www.facebook.com', 'www.linkedin.com', 'wa.me'],
    );
    for (const link of links) assert.ok(new URL(link.url).search.includes(encodeURIComponent(url)), link.url);
  });

  it('gives nothing with share: false', () => {
    assert.deepEqual(shareLinks([], title, url), []);
  });
});
