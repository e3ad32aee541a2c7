/// <reference lib="dom" />
// An Arabic site in a real headless Chromium: `dir="rtl"`, the theme's words in Arabic, and the
// layout mirrored (navigation from the right, the quote's rule on its right, no sideways scrolling).
// Set GAZETTE_SCREENSHOTS to a folder to keep the screenshots.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { build } from '../../src/incremental/publish.js';
import { launchBrowser, serveSite } from '../support/browser.js';

const CONFIG = 'title: الجريدة\ndescription: أخبار اليوم\nbaseUrl: https://example.org/\nlanguage: ar\ntimeZone: Africa/Algiers\n';
const STORIES = {
  '2021/06/01/port.md':
    '---\ntitle: إعادة فتح الميناء\nslug: port\ndate: 2021-06-01T09:00:00+01:00\nsection: الاقتصاد\nauthors: [ليلى بن علي, كريم حداد]\ntags: [الميناء]\nsummary: أعيد فتح الميناء صباح اليوم.\n---\n\nأعيد فتح الميناء صباح اليوم بعد أسبوع من الإغلاق.\n\n> قال المدير إن العمل سيستأنف كاملًا.\n',
  '2021/06/01/ferry.md':
    '---\ntitle: استئناف رحلات العبارة\nslug: ferry\ndate: 2021-06-01T10:00:00+01:00\nsection: الاقتصاد\ntags: [الميناء]\n---\n\nاستؤنفت رحلات العبارة من الميناء.\n',
};
const STORY = '/2021/06/01/port/';

let browser: Browser;
let root: string;
let origin: string;
let close: () => void;

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'gazette-rtl-'));
  await writeFile(path.join(root, 'gazette.config.yaml'), CONFIG);
  for (const [file, text] of Object.entries(STORIES)) {
    await mkdir(path.dirname(path.join(root, 'content', file)), { recursive: true });
    await writeFile(path.join(root, 'content', file), text);
  }
  await build(loadConfig(root, { now: '2021-06-02T12:00:00Z' }));
  ({ origin, close } = await serveSite(path.join(root, 'dist')));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  close?.();
  await rm(root, { recursive: true, force: true });
});

describe('an Arabic site in a browser', () => {
  it('reads right to left, in Arabic words, mirrored', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(origin + STORY, { waitUntil: 'load' });
    // No named function inside: the test's compiler would name it with a helper the page does not have.
    const facts = await page.evaluate(() => {
      const links = [...document.querySelectorAll('.site-nav a')].map((link) => link.getBoundingClientRect());
      const quote = getComputedStyle(document.querySelector('.story__body blockquote') as HTMLElement);
      return {
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
        direction: getComputedStyle(document.body).direction,
        firstLinkRightOfSecond: (links[0]?.left ?? 0) > (links[1]?.left ?? 0),
        titleAtRight: (document.querySelector('.story__title') as HTMLElement).getBoundingClientRect().right > document.documentElement.clientWidth / 2,
        quoteRule: { right: quote.borderRightWidth, left: quote.borderLeftWidth },
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        words: {
          skip: document.querySelector('.skip-link')?.textContent,
          nav: document.querySelector('.site-nav a')?.textContent,
          byline: document.querySelector('.story .meta__byline')?.textContent,
          related: document.querySelector('#related-title')?.textContent,
          footer: document.querySelector('.site-footer__links a')?.textContent,
        },
      };
    });
    await page.screenshot({ path: path.join(process.env.GAZETTE_SCREENSHOTS ?? root, 'right-to-left-story.png'), fullPage: true });
    assert.equal(facts.dir, 'rtl');
    assert.equal(facts.lang, 'ar');
    assert.equal(facts.direction, 'rtl');
    assert.ok(facts.firstLinkRightOfSecond, 'the navigation starts on the right');
    assert.ok(facts.titleAtRight, 'the headline starts on the right');
    assert.deepEqual(facts.quoteRule, { right: '3px', left: '0px' });
    assert.ok(facts.overflow <= 0, `${facts.overflow}px of sideways scrolling`);
    assert.deepEqual(facts.words, {
      skip: 'انتقل إلى المحتوى',
      nav: 'الصفحة الأولى',
      byline: 'بقلم ليلى بن علي وكريم حداد',
      related: 'مقالات ذات صلة',
      footer: 'كل الأعداد',
    });
  });

  it('searches in Arabic words, the count in its plural form', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${origin}/search/?q=${encodeURIComponent('الميناء')}`, { waitUntil: 'load' });
    await page.locator('.search-status', { hasText: 'عُثر' }).waitFor();
    assert.equal(await page.textContent('.search-status'), 'عُثر على مقالين.');
    assert.equal(await page.textContent('.search-form button[type="submit"]'), 'ابحث');
  });

  it('counts stories in Arabic plural forms on the front page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    assert.equal(await page.textContent('.edition__count'), 'مقالان');
    await page.screenshot({ path: path.join(process.env.GAZETTE_SCREENSHOTS ?? root, 'right-to-left-front.png'), fullPage: true });
  });
});
