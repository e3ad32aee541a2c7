// The finishing of the email edition: the plain text's wrapping and tidying, and the direction of
// the email in a right-to-left language.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { tidyText, wrapText } from '../../src/render/email.js';
import { buildSmallSite, SMALL_SITE_CONFIG } from '../support/small-site.js';

describe('wrapText', () => {
  it('wraps on spaces to the width, counting wide characters as two columns', () => {
    assert.equal(wrapText('one two three four five six', 9), 'one two\nthree\nfour five\nsix');
    assert.equal(wrapText('漢字漢字 漢字漢字', 10), '漢字漢字\n漢字漢字');
  });

  it('keeps a URL longer than a line whole, on a line of its own', () => {
    const url = 'https://example.org/2020/10/01/a-very-long-slug-that-no-line-of-seventy-two-columns-holds/';
    assert.equal(wrapText(`Read more: ${url}`), `Read more:\n${url}`);
  });
});

describe('tidyText', () => {
  it('drops spaces at line ends, empty lines beyond one and at the start, and ends with one newline', () => {
    assert.equal(tidyText('\n\nTitle  \n\n\n\nBody\t\n\n\n'), 'Title\n\nBody\n');
  });
});

describe('an email in a right-to-left language', () => {
  it('says so in its lang and dir attributes', async () => {
    const site = await buildSmallSite(
      { 'story.md': '---\ntitle: الجزائر\ndate: 2020-10-01T10:00:00+02:00\n---\nنص.\n' },
      { config: SMALL_SITE_CONFIG.replace('language: en', 'language: ar') },
    );
    try {
      assert.deepEqual(site.problems, []);
      const $ = cheerio.load(await site.read('2020/10/01/email.html'));
      assert.equal($('html').attr('lang'), 'ar');
      assert.equal($('html').attr('dir'), 'rtl');
      assert.equal($('.story__title').text(), 'الجزائر');
    } finally {
      await site.remove();
    }
  });
});
