// Properties of the Markdown stage (fast-check): whatever a story's body holds, rendering either
// succeeds or the nesting check refused it first; the HTML holds only elements Markdown makes,
// no event handler and no script URL, and the same body always gives the same bytes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { findDeepNesting } from '../../src/content/nesting.js';
import { createMarkdownRenderer } from '../../src/markdown/processor.js';
import { feedUrlResolver, pageUrlResolver } from '../../src/urls/links.js';
import { hostileMarkdown, hostileText, runs } from '../support/properties.js';

const SITE = { baseUrl: 'https://example.org/news/', basePath: '/news/' };
const renderer = createMarkdownRenderer({ rawHtml: false });

/** What CommonMark with GitHub's extras makes (footnotes bring section, sup and h2; task lists input). */
const MARKDOWN_ELEMENTS = new Set([
  'p',
  'em',
  'strong',
  'del',
  'code',
  'pre',
  'a',
  'img',
  'br',
  'hr',
  'blockquote',
  'ul',
  'ol',
  'li',
  'input',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'section',
  'sup',
]);
const SCRIPT_URL = /^(javascript|vbscript|data):/i;

function problemsOf(html: string): string[] {
  const $ = cheerio.load(html, null, false);
  const problems: string[] = [];
  $('*').each((_, element) => {
    const tag = String($(element).prop('tagName')).toLowerCase();
    if (!MARKDOWN_ELEMENTS.has(tag)) problems.push(`<${tag}>`);
    for (const [name, value] of Object.entries($(element).attr() ?? {})) {
      if (name.startsWith('on') || name === 'style') problems.push(`${tag}[${name}]`);
      if ((name === 'href' || name === 'src') && SCRIPT_URL.test(value.replace(/[\u0000-\u0020]/g, ''))) problems.push(`${tag}[${name}=${value}]`);
    }
    if (tag === 'input' && ($(element).attr('type') !== 'checkbox' || $(element).attr('disabled') === undefined))
      problems.push('an input that is not a disabled checkbox');
  });
  return problems;
}

describe('rendering Markdown: properties', () => {
  it('any body renders, or is refused by the nesting check, and its HTML holds only what Markdown makes', () => {
    fc.assert(
      fc.property(fc.oneof(hostileMarkdown(), hostileText(60)), (body) => {
        if (findDeepNesting(body)) return;
        const rendered = renderer.render(body, pageUrlResolver(SITE), feedUrlResolver(SITE, '2020/10/01/story/'));
        assert.deepEqual(problemsOf(rendered.html), [], rendered.html);
        assert.deepEqual(problemsOf(rendered.feedHtml ?? ''), []);
        assert.equal(typeof rendered.summary, 'string');
      }),
      runs(1200),
    );
  });

  it('text with no Markdown in it comes out as that text, escaped, in one paragraph', () => {
    const plain = hostileText(30)
      .map((text) =>
        text
          .replace(/[\\`*_[\]()!#<>&|~\-+=:.\d{}]/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter((text) => text !== '' && !text.includes('\u0000'));
    fc.assert(
      fc.property(plain, (text) => {
        const html = renderer.render(text, (url) => url).html;
        const $ = cheerio.load(html, null, false);
        assert.equal($.root().children().length, 1, html);
        assert.equal($('p').text(), text);
      }),
      runs(500),
    );
  });

  it('gives the same bytes for the same body', () => {
    fc.assert(
      fc.property(hostileMarkdown(), (body) => {
        if (findDeepNesting(body)) return;
        assert.equal(renderer.render(body, (url) => url).html, renderer.render(body, (url) => url).html);
      }),
      runs(200),
    );
  });
});
