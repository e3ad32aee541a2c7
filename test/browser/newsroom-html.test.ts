/// <reference lib="dom" />
// A story of raw HTML, embeds and code (test/fixtures/newsroom-html/story.md) as a reader sees it in
// headless Chromium: the figure and its caption, details that open, embeds at their shape across the
// column, heading anchors shown on hover, and code in colours of its own in light and in dark.
// Nothing leaves the machine: requests to the embeds' hosts are answered with an empty page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, serveSite } from '../support/browser.js';
import { REPO } from '../support/project.js';
import { buildSmallSite, type SmallSite } from '../support/small-site.js';

const STORY = '/2021/05/20/river/';

let browser: Browser;
let site: SmallSite;
let origin: string;
let close: () => void;

before(async () => {
  const gauge = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#36c' } })
    .png()
    .toBuffer();
  const story = await readFile(path.join(REPO, 'test/fixtures/newsroom-html/story.md'), 'utf8');
  site = await buildSmallSite({ 'river.md': story, 'gauge.png': gauge });
  assert.deepEqual(site.problems, []);
  ({ origin, close } = await serveSite(site.out));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  close?.();
  await site?.remove();
});

async function openStory(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
  await page.route(
    (url) => url.origin !== origin,
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>embed</title>' }),
  );
  await page.goto(origin + STORY, { waitUntil: 'load' });
  return page;
}

describe('a story with raw HTML, embeds and code in a browser', () => {
  it('shows the figure with its picture loaded and its caption under it', async () => {
    const page = await openStory();
    const facts = await page.evaluate(() => {
      const image = document.querySelector('figure img') as HTMLImageElement;
      const caption = document.querySelector('figure figcaption') as HTMLElement;
      return {
        loaded: image.complete && image.naturalWidth > 0,
        imageBottom: image.getBoundingClientRect().bottom,
        captionTop: caption.getBoundingClientRect().top,
      };
    });
    assert.ok(facts.loaded, 'the picture did not load');
    assert.ok(facts.captionTop >= facts.imageBottom, 'the caption is not under the picture');
    await page.close();
  });

  it('opens details when its summary is clicked', async () => {
    const page = await openStory();
    const hidden = page.locator('details em');
    assert.equal(await hidden.isVisible(), false);
    await page.click('details summary');
    assert.equal(await hidden.isVisible(), true);
    await page.close();
  });

  it('sizes each embed across the column at its aspect ratio', async () => {
    const page = await openStory();
    const frames = await page.evaluate(() =>
      [...document.querySelectorAll('.embed iframe')].map((frame) => {
        const box = frame.getBoundingClientRect();
        return { width: box.width, height: box.height, column: (frame.closest('.story__body') as HTMLElement).getBoundingClientRect().width };
      }),
    );
    assert.equal(frames.length, 2);
    const ratios = [560 / 315, 600 / 420];
    frames.forEach((frame, index) => {
      assert.ok(Math.abs(frame.width - frame.column) < 1, `embed ${index} is ${frame.width}px wide in a ${frame.column}px column`);
      assert.ok(Math.abs(frame.width / frame.height - (ratios[index] ?? 0)) < 0.02, `embed ${index} is ${frame.width}×${frame.height}`);
    });
    await page.close();
  });

  it('shows a heading anchor on hover only', async () => {
    const page = await openStory();
    const anchor = page.locator('h2#the-method .heading-anchor');
    const opacity = () => anchor.evaluate((element) => getComputedStyle(element).opacity);
    assert.equal(await opacity(), '0');
    await page.hover('h2#the-method');
    assert.equal(await opacity(), '1');
    await page.close();
  });

  it('colours code tokens apart from plain code, differently in light and dark', async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      const page = await openStory(scheme);
      const found = await page.evaluate(() => ({
        plain: getComputedStyle(document.querySelector('code.language-python') as Element).color,
        keyword: getComputedStyle(document.querySelector('code.language-python .hljs-keyword') as Element).color,
        title: getComputedStyle(document.querySelector('code.language-python .hljs-title') as Element).color,
      }));
      await page.close();
      return found;
    };
    const light = await colours('light');
    const dark = await colours('dark');
    for (const scheme of [light, dark]) {
      assert.notEqual(scheme.keyword, scheme.plain);
      assert.notEqual(scheme.title, scheme.plain);
    }
    assert.notEqual(light.keyword, dark.keyword);
    assert.notEqual(light.plain, dark.plain);
  });
});
