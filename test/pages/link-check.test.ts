import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLinkCheck } from '../../src/pages/link-check.js';

const SITE = { baseUrl: 'https://example.org/news/', basePath: '/news/' };
const STORY = { file: 'content/2020/10/01/story.md', bodyLine: 6, permalink: '2020/10/01/story/' };
const at = (url: string, line: number, column = 1) => ({ url, line, column });

describe('the link check', () => {
  it("finds a page's links to the site that lead nowhere, by origin, base path or relative path", () => {
    const check = createLinkCheck(SITE);
    check.publish('tags/index.html');
    check.publish('about/index.html');
    check.publish('feed.xml');
    check.publish(
      '2020/10/01/story/index.html',
      `<a href="/news/tags/">Tags</a><a href='https://example.org/news/about'>About</a><link href="/news/feed.xml">
       <a href="https://example.org/news/gone/">Gone</a><a href="/elsewhere/">Not ours</a><a href="https://other.example/x">Other</a>
       <img src="chart.svg"><a href="#top">Top</a><a href="mailto:desk@example.org">Mail</a><a href="/news/pagefind/pagefind.js">Search</a>
       <a href="/news/gone/?page=2">Gone again</a>`,
      STORY.file,
    );
    const warnings = check.warnings().map((warning) => warning.format());
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /^content\/2020\/10\/01\/story\.md .*\/2020\/10\/01\/story\/ links to \/2020\/10\/01\/story\/chart\.svg/);
    assert.match(warnings[1] ?? '', /links to \/gone\/, .* \(and 1 more link\)/);
  });

  it("names a story's broken link by its line in the story's file, and not again for the page that shows it", () => {
    const check = createLinkCheck(SITE);
    check.storyLinks(
      STORY,
      [at('report.pdf', 3, 5), at('/about/', 4), at('missing.pdf', 5, 9), at('../other.md', 6), at('outside.pdf', 7, 2)],
      new Set([`${STORY.file}:12:2`]),
    );
    check.publish('2020/10/01/story/report.pdf');
    check.publish('about/index.html');
    check.publish('2020/10/01/story/index.html', '<a href="missing.pdf">x</a><a href="../other.md">y</a><a href="outside.pdf">z</a>', STORY.file);
    const warnings = check.warnings().map((warning) => warning.format());
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /^content\/2020\/10\/01\/story\.md:10:9 .*"missing\.pdf" leads to \/2020\/10\/01\/story\/missing\.pdf/);
  });
});
