/// <reference lib="dom" />
// The sample site as a reader sees it, in a real headless Chromium: on a phone and a desktop,
// in light and dark, with no script, no broken image and no sideways scrolling; story images load
// from the copies Gazette made.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveSite } from '../support/browser.js';
import { sampleSite } from '../support/sample-site.js';

const STORY = '/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';
const FACTORIES = '/2020/10/01/euro-zone-factories-grow-for-third-month-but-jobs-keep-disappearing/';
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

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

describe('the sample site in a browser', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    for (const url of ['/', STORY, '/tags/', '/archive/', '/2020/10/01/', '/sections/', '/sections/middle-east/', '/authors/', '/authors/ines-trabelsi/']) {
      it(`shows ${url} on a ${name} without script, broken images or sideways scrolling`, async () => {
        const page = await browser.newPage({ viewport });
        const failed: string[] = [];
        page.on('requestfailed', (request) => failed.push(request.url()));
        page.on('response', (response) => {
          if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
        });
        await page.goto(origin + url, { waitUntil: 'load' });
        const facts = await page.evaluate(() => ({
          scripts: [...document.scripts].filter((script) => script.type !== 'application/ld+json').length,
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          brokenImages: [...document.images].filter((image) => !image.complete || image.naturalWidth === 0).map((image) => image.src),
          landmarks: ['header', 'nav', 'main', 'footer'].filter((tag) => !document.querySelector(tag)),
          h1: document.querySelectorAll('h1').length,
        }));
        assert.deepEqual(failed, []);
        assert.equal(facts.scripts, 0);
        assert.ok(facts.overflow <= 0, `${facts.overflow}px of sideways scrolling`);
        assert.deepEqual(facts.brokenImages, []);
        assert.deepEqual(facts.landmarks, [], 'missing landmarks');
        assert.equal(facts.h1, 1);
        await page.close();
      });
    }
  }

  it("follows the reader's dark setting", async () => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const page = await browser.newPage({ colorScheme });
      await page.goto(origin + STORY);
      const colours = await page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.querySelector('main p') ?? document.body).color,
      }));
      await page.close();
      return colours;
    };
    const light = await background('light');
    const dark = await background('dark');
    assert.notEqual(light.background, dark.background);
    assert.ok(contrast(light.text, light.background) >= 4.5, `light contrast ${contrast(light.text, light.background)}`);
    assert.ok(contrast(dark.text, dark.background) >= 4.5, `dark contrast ${contrast(dark.text, dark.background)}`);
  });

  it('lets a keyboard user skip to the content first', async () => {
    const page = await browser.newPage();
    await page.goto(origin + STORY);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute('href') }));
    assert.match(focused.text ?? '', /skip/i);
    assert.equal(focused.href, '#main');
    await page.close();
  });
});

describe('story images in a browser', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`loads a copy of the photo and of the chart that fits a ${name}`, async () => {
      const page = await browser.newPage({ viewport });
      const shown = async (url: string, selector: string) => {
        await page.goto(origin + url, { waitUntil: 'load' });
        return page.$eval(selector, (image) => {
          const img = image as HTMLImageElement;
          return {
            naturalWidth: img.naturalWidth,
            shownWidth: img.getBoundingClientRect().width,
            currentSrc: new URL(img.currentSrc).pathname,
            srcset: img.srcset,
          };
        });
      };
      for (const [url, selector] of [
        [STORY, '.story__figure img'],
        [FACTORIES, '.story__body img'],
      ] as const) {
        const image = await shown(url, selector);
        assert.ok(image.naturalWidth > 0, `${url}: the image loaded`);
        assert.ok(
          image.srcset.split(', ').some((candidate) => candidate.startsWith(`${image.currentSrc} `)),
          `${url}: ${image.currentSrc} is one of the copies`,
        );
        // The browser took a copy at least as wide as the picture is shown (at most the original).
        assert.ok(image.naturalWidth >= Math.min(image.shownWidth, 960), `${url}: ${image.naturalWidth} pixels for ${image.shownWidth} shown`);
      }
      await page.close();
    });
  }
});

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(foreground: string, background: string): number {
  const luminance = (colour: string) => {
    const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
