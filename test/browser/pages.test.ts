/// <reference lib="dom" />
// A standalone page as a reader finds it in a real headless Chromium: the About page with its
// title and text, the menu in the navigation, which leads to the other page, and its file beside it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { build } from '../../src/incremental/publish.js';
import { launchBrowser, serveSite } from '../support/browser.js';
import { copyFixtureSite, type FixtureSite } from '../support/fixture-site.js';

describe('a standalone page in a browser', () => {
  let site: FixtureSite;
  let browser: Browser;
  let origin: string;
  let close: () => void;

  before(async () => {
    site = await copyFixtureSite('files-and-pages');
    await build(loadConfig(site.root, { now: '2021-06-01T00:00:00Z' }));
    ({ origin, close } = await serveSite(site.out, '/wire/'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    close?.();
    await site?.remove();
  });

  it('shows the About page with the menu, which leads to the other page, and its file', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/wire/about/`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'About The Test Wire');
    assert.ok(await page.getByText('The Test Wire is a small desk covering elections.').isVisible());
    const menu = page.getByRole('navigation', { name: 'Main' });
    const about = menu.getByRole('link', { name: 'About The Test Wire' });
    assert.ok(await about.isVisible());
    assert.equal(await about.getAttribute('aria-current'), 'page');
    assert.ok(await menu.getByRole('link', { name: 'Newsletter' }).isVisible());

    const charter = await page.request.get(new URL((await page.getByRole('link', { name: 'our charter' }).getAttribute('href')) ?? '', page.url()).href);
    assert.equal(charter.status(), 200);
    assert.match(await charter.text(), /Our charter/);

    await menu.getByRole('link', { name: 'Contact' }).click();
    await page.waitForURL(`${origin}/wire/contact/`);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Contact the desk');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contact' }).getAttribute('aria-current'), 'page');
    await page.close();
  });
});
