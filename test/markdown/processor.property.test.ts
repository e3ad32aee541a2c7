// Properties of the Markdown stage (fast-check): whatever a story's body holds, rendering either
// succeeds or the nesting check refused it first; the HTML, raw HTML and embeds included, holds
// nothing executable, and the same body always gives the same bytes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { findDeepNesting } from '../../src/content/nesting.js';
import { createMarkdownRenderer } from '../../src/markdown/processor.js';
import { feedUrlResolver, pageUrlResolver } from '../../src/urls/links.js';
import { hostileMarkdown, hostileText, runs } from '../support/properties.js';

const SITE = { baseUrl: 'https://example.org/news/', basePath: '/news/' };
const renderer = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false });

/** What can run a script, or fetch or show a page, if it reached a reader. */
const EXECUTABLE = new Set(['script', 'style', 'svg', 'math', 'object', 'embed', 'form', 'base', 'meta', 'link', 'frame', 'frameset', 'textarea']);
/** The hosts of the embeds the property's Markdown uses (every provider is allowed by default). */
const EMBED_HOSTS = new Set(['www.youtube.com', 'datawrapper.dwcdn.net']);
const SCRIPT_URL = /^(javascript|vbscript|data):/i;

function problemsOf(html: string): string[] {
  const $ = cheerio.load(html, null, false);
  const problems: string[] = [];
  $('*').each((_, element) => {
    const tag = String($(element).prop('tagName')).toLowerCase();
    if (EXECUTABLE.has(tag)) problems.push(`<${tag}>`);
    if (tag === 'iframe') {
      const src = new URL($(element).attr('src') ?? '', 'invalid:/');
      if (src.protocol !== 'https:' || !EMBED_HOSTS.has(src.hostname)) problems.push(`an iframe of ${src.href}`);
      if (!($(element).attr('sandbox') ?? '').includes('allow-scripts') || $(element).attr('srcdoc') !== undefined)
        problems.push('an iframe not sandboxed as Gazette writes it');
    }
    for (const [name, value] of Object.entries($(element).attr() ?? {})) {
      if (name.startsWith('on') || (name === 'style' && !(tag === 'iframe' && /^aspect-ratio: \d+ \/ \d+$/.test(value)))) problems.push(`${tag}[${name}]`);
      if (['href', 'src', 'cite', 'srcset', 'action', 'formaction', 'xlink:href'].includes(name) && SCRIPT_URL.test(value.replace(/[\u0000-\u0020]/g, '')))
        problems.push(`${tag}[${name}=${value}]`);
    }
    if (tag === 'input' && ($(element).attr('type') !== 'checkbox' || $(element).attr('disabled') === undefined))
      problems.push('an input that is not a disabled checkbox');
  });
  return problems;
}

describe('rendering Markdown: properties', () => {
  it('any body renders, or is refused by the nesting check, and its HTML holds nothing executable: no script, handler, style, script URL or iframe but an allowed, sandboxed embed', () => {
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
