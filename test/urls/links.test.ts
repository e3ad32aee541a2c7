import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteUrl, feedUrlResolver, isWebImageAddress, linkTo, pageUrlResolver } from '../../src/urls/links.js';

const site = { baseUrl: 'https://example.org/news/', basePath: '/news/' };
const rootSite = { baseUrl: 'https://example.org/', basePath: '/' };

describe('linkTo and absoluteUrl', () => {
  it('make root-relative links under the base path', () => {
    assert.equal(linkTo(site, '2020/10/01/story/'), '/news/2020/10/01/story/');
    assert.equal(linkTo(site, ''), '/news/');
    assert.equal(linkTo(rootSite, 'tags/'), '/tags/');
  });

  it('make absolute URLs under the base URL', () => {
    assert.equal(absoluteUrl(site, 'feed.xml'), 'https://example.org/news/feed.xml');
    assert.equal(absoluteUrl(site, '2020/10/01/story/'), 'https://example.org/news/2020/10/01/story/');
    assert.equal(absoluteUrl(site, ''), 'https://example.org/news/');
    assert.equal(absoluteUrl(site, 'tags/c%C3%B4te/'), 'https://example.org/news/tags/c%C3%B4te/');
  });
});

describe('isWebImageAddress', () => {
  it('accepts http(s) URLs, paths from the site root and paths from the story', () => {
    for (const url of [
      'https://example.org/a.png',
      'HTTP://example.org/a.png',
      '//cdn.example.org/a.png',
      '/images/a.png',
      'a.png',
      './charts/oil.png',
      '../shared/map.png',
      'Photo 1:2.png',
      '',
    ]) {
      assert.equal(isWebImageAddress(url), true, url);
    }
  });

  it('refuses every other scheme, however a browser would read it', () => {
    for (const url of [
      'file:///etc/passwd',
      'FILE:///C:/photo.jpg',
      ' file:///x',
      '\u0001file:///x',
      'fi\tle:///x',
      'fi\nle:///x',
      'smb://server/x.png',
      'ftp://example.org/x.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'blob:https://example.org/1',
      'c:/photo.jpg',
    ]) {
      assert.equal(isWebImageAddress(url), false, JSON.stringify(url));
    }
  });
});

describe('pageUrlResolver', () => {
  const resolve = pageUrlResolver(site);
  const cases: [string, string][] = [
    ['/a/', '/news/a/'],
    ['/', '/news/'],
    ['/images/x.png?v=2#top', '/news/images/x.png?v=2#top'],
    ['../x/', '../x/'],
    ['./img.png', './img.png'],
    ['img.png', 'img.png'],
    ['//cdn.example/x', '//cdn.example/x'],
    ['#frag', '#frag'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
    ['https://other.example/p', 'https://other.example/p'],
  ];
  for (const [url, expected] of cases) {
    it(`resolves ${url} to ${expected}`, () => assert.equal(resolve(url), expected));
  }
});

describe('feedUrlResolver', () => {
  const resolve = feedUrlResolver(site, '2020/10/01/story/');
  const cases: [string, string][] = [
    ['/a/', 'https://example.org/news/a/'],
    ['/', 'https://example.org/news/'],
    ['../x/', 'https://example.org/news/2020/10/01/x/'],
    ['./img.png', 'https://example.org/news/2020/10/01/story/img.png'],
    ['img.png', 'https://example.org/news/2020/10/01/story/img.png'],
    ['//cdn.example/x', 'https://cdn.example/x'],
    ['#frag', 'https://example.org/news/2020/10/01/story/#frag'],
    ['?page=2', 'https://example.org/news/2020/10/01/story/?page=2'],
    ['mailto:desk@example.org', 'mailto:desk@example.org'],
    ['https://other.example/p', 'https://other.example/p'],
    ['', ''],
  ];
  for (const [url, expected] of cases) {
    it(`resolves ${JSON.stringify(url)} to ${JSON.stringify(expected)}`, () => assert.equal(resolve(url), expected));
  }

  it('takes the scheme of the base URL for protocol-relative links', () => {
    assert.equal(feedUrlResolver({ baseUrl: 'http://localhost:4000/', basePath: '/' }, 'a/')('//cdn.example/x'), 'http://cdn.example/x');
  });
});
