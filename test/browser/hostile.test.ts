/// <reference lib="dom" />
// The hostile site (test/support/hostile.ts) in a real headless Chromium: every page is opened,
// scrolled and hovered, and no payload may run: window.__pwned stays unset and no dialog opens.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveSite } from '../support/browser.js';
import { buildHostileSite } from '../support/hostile.js';
import { listFiles } from '../support/project.js';
import type { SmallSite } from '../support/small-site.js';

describe('the hostile site in a browser', () => {
  let site: SmallSite;
  let browser: Browser;
  let origin: string;
  let close: () => void;

  before(async () => {
    site = await buildHostileSite();
    assert.deepEqual(site.problems, []);
    ({ origin, close } = await serveSite(site.out));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    close?.();
    await site?.remove();
  });

  it('runs no injected script on any page', async () => {
    const pages = (await listFiles(site.out)).filter((file) => file.endsWith('.html'));
    assert.ok(pages.length >= 10);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    for (const file of pages) {
      await page.goto(`${origin}/${file.replace(/index\.html$/, '')}`, { waitUntil: 'load' });
      // Handlers that wait for a reader: every element gets the mouse and the focus, then timers a moment.
      await page.evaluate(() => {
        for (const element of document.querySelectorAll('body *')) {
          for (const type of ['mouseover', 'mouseenter', 'focus']) element.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
        }
      });
      await page.waitForTimeout(50);
      const pwned = await page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
      assert.equal(pwned, undefined, `${file}: a payload ran (${String(pwned)})`);
      assert.deepEqual(dialogs, [], file);
    }
    await page.close();
  });

  it('(the check sees a payload that does run)', async () => {
    const page = await browser.newPage();
    await page.setContent('<img src="x" onerror="window.__pwned = \'control\'">');
    await page.waitForFunction(() => (window as { __pwned?: unknown }).__pwned !== undefined, undefined, { timeout: 5_000 });
    assert.equal(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), 'control');
    await page.close();
  });
});
