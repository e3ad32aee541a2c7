/// <reference lib="dom" />
// What a reader and a subscriber see of the sample site in headless Chromium: a story without a
// summary prints its lead once, the drop cap never splits "US", the feeds open as a readable page,
// and the subscribe page's sign-up form posts to the configured address.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveSite } from '../support/browser.js';
import { sampleSite } from '../support/sample-site.js';

/** A wire story without `summary` whose first word is "US". */
const US_STORY = '/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';
const LEAD = 'US Secretary of Defense Mark Esper made a rare visit to Algeria';
/** A story whose first word takes a drop cap. */
const LIBYA_STORY = '/2020/09/29/libyas-rival-camps-agree-to-keep-talking-on-oil-revenue-sources-say/';

let browser: Browser;
let origin: string;
let close: () => void;

before(async () => {
  ({ origin, close } = await serveSite(await sampleSite()));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  close?.();
});

/** How the first paragraph's first letter is drawn, beside the paragraph's own text. */
async function firstLetter(url: string) {
  const page = await browser.newPage();
  await page.goto(origin + url, { waitUntil: 'load' });
  const facts = await page.evaluate(() => {
    const paragraph = document.querySelector('.story__body > p:first-child') as HTMLElement;
    const letter = getComputedStyle(paragraph, '::first-letter');
    return {
      float: letter.float,
      letterSize: letter.fontSize,
      textSize: getComputedStyle(paragraph).fontSize,
      main: document.querySelector('main')?.textContent ?? '',
    };
  });
  await page.close();
  return facts;
}

describe('the top of a story page', () => {
  it('prints the lead paragraph once on a story without summary', async () => {
    const { main } = await firstLetter(US_STORY);
    assert.equal(main.split(LEAD).length - 1, 1, main.slice(0, 600));
  });

  it('keeps "US" whole: no drop cap on its first letter', async () => {
    const { float, letterSize, textSize } = await firstLetter(US_STORY);
    assert.equal(float, 'none');
    assert.equal(letterSize, textSize);
  });

  it('opens with a drop cap a story whose first word it does not split', async () => {
    const { float, letterSize, textSize } = await firstLetter(LIBYA_STORY);
    assert.equal(float, 'left');
    assert.ok(Number.parseFloat(letterSize) > 3 * Number.parseFloat(textSize), `${letterSize} against ${textSize}`);
  });
});
