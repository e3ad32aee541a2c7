/// <reference lib="dom" />
// The email edition as a mail client's web view shows it, in headless Chromium with scripts off:
// 600 pixels wide on a desktop, narrower on a phone, light and dark, every image loaded.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { launchBrowser, serveSite } from '../support/browser.js';
import { sampleSite } from '../support/sample-site.js';

/** The sample's baseUrl: the email names its pictures and links by absolute URLs under it. */
const SITE = 'https://example.org/';
const EMAIL = `${SITE}2020/10/01/email.html`;
const VIEWPORTS = { desktop: { width: 1024, height: 800 }, 'mail pane': { width: 600, height: 800 }, phone: { width: 375, height: 700 } };

/** The width of a PNG image, from its header. */
const pngWidth = (png: Buffer) => png.readUInt32BE(16);

describe('the email edition in a browser', () => {
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

  /** A mail client's web view, scripts off, in which the site's address is answered by the local server of the sample site. */
  async function mailClient(options: BrowserContextOptions): Promise<BrowserContext> {
    const context = await browser.newContext({ ...options, javaScriptEnabled: false });
    await context.route(`${SITE}**`, async (route) => {
      const address = new URL(route.request().url());
      const response = await fetch(origin + address.pathname + address.search);
      await route.fulfill({
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        body: Buffer.from(await response.arrayBuffer()),
      });
    });
    return context;
  }

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`fits a ${name} (${viewport.width} px) with every image shown and no sideways scrolling`, async () => {
      const context = await mailClient({ viewport });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('requestfailed', (request) => failed.push(request.url()));
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      await page.goto(EMAIL, { waitUntil: 'load' });
      const facts = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        sheet: document.querySelector('.sheet')?.getBoundingClientRect().width ?? 0,
        images: [...document.images].map((image) => ({
          loaded: image.complete && image.naturalWidth > 0,
          alt: image.alt,
          width: image.getBoundingClientRect().width,
        })),
        stories: document.querySelectorAll('.story').length,
        preheaderHeight: document.querySelector('.preheader')?.getBoundingClientRect().height,
      }));
      assert.deepEqual(failed, []);
      assert.ok(facts.overflow <= 0, `${facts.overflow}px of sideways scrolling`);
      assert.ok(facts.sheet <= Math.min(600, viewport.width) && facts.sheet >= Math.min(600, viewport.width) - 20, `the sheet is ${facts.sheet}px wide`);
      assert.equal(facts.stories, 3);
      assert.equal(facts.preheaderHeight, 0, 'the preheader is not shown');
      assert.ok(facts.images.length > 0);
      for (const image of facts.images) {
        assert.ok(image.loaded, 'the image loaded');
        assert.notEqual(image.alt, '');
        assert.ok(image.width <= facts.sheet - 32, `an image of ${image.width}px in a sheet of ${facts.sheet}px`);
      }
      const screenshot = await page.screenshot({ fullPage: true });
      assert.equal(pngWidth(screenshot), viewport.width);
      await context.close();
    });
  }

  it('follows a dark setting where the client allows it, and stays readable in light', async () => {
    const colours: Record<string, { sheet: string; title: string }> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await mailClient({ viewport: VIEWPORTS['mail pane'], colorScheme });
      const page = await context.newPage();
      await page.goto(EMAIL, { waitUntil: 'load' });
      colours[colorScheme] = await page.evaluate(() => ({
        sheet: getComputedStyle(document.querySelector('.sheet') as Element).backgroundColor,
        title: getComputedStyle(document.querySelector('.story__link') as Element).color,
      }));
      await context.close();
    }
    const lightness = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, part) => sum + Number(part), 0) / 3;
    assert.ok(lightness(colours.light?.sheet ?? '') > 200 && lightness(colours.light?.title ?? '') < 60, JSON.stringify(colours.light));
    assert.ok(lightness(colours.dark?.sheet ?? '') < 60 && lightness(colours.dark?.title ?? '') > 200, JSON.stringify(colours.dark));
  });
});
