/// <reference lib="dom" />
// Sections and authors as a reader finds them in a real headless Chromium: the navigation in the
// configuration's order, a section front and an author page listing exactly their stories, and
// the links from a story to its section and its author.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseYaml } from '../../src/yaml.js';
import { launchBrowser, serveSite } from '../support/browser.js';
import { REPO } from '../support/project.js';
import { sampleSite } from '../support/sample-site.js';

const ESPER = '/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';

describe('sections and authors in a browser', () => {
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

  async function open(url: string): Promise<Page> {
    const page = await browser.newPage();
    const response = await page.goto(origin + url);
    assert.equal(response?.status(), 200, url);
    return page;
  }
  const cardTitles = (page: Page) => page.locator('main .card__title').allTextContents();

  it("lists the sections in the navigation in the configuration's order, then the others by name", async () => {
    const settings = parseYaml(await readFile(path.join(REPO, 'gazette.config.yaml'), 'utf8')).value as { sections: string[] };
    assert.deepEqual(settings.sections, ['Africa', 'Middle East', 'Europe', 'Business']);
    for (const url of ['/', ESPER, '/sections/sport/']) {
      const page = await open(url);
      const nav = page.getByRole('navigation', { name: 'Sections' }).getByRole('link');
      assert.deepEqual(await nav.allTextContents(), [...settings.sections, 'Culture', 'Sport'], url);
      await page.close();
    }
  });

  it('shows exactly the stories of a section on its front, newest first', async () => {
    const page = await open('/sections/middle-east/');
    assert.equal(await page.locator('h1').textContent(), 'Middle East');
    assert.deepEqual(await cardTitles(page), [
      'Analysis: After US visit, Algeria weighs a role beyond its borders',
      'US defense chief’s rare Algeria visit points to Sahel region threats',
      'Libya’s rival camps agree to keep talking on oil revenue, sources say',
    ]);
    assert.equal(await page.getByRole('navigation', { name: 'Sections' }).locator('[aria-current="page"]').textContent(), 'Middle East');
    await page.close();
  });

  it('shows exactly the stories of an author on their page, with the profile', async () => {
    const aminata = await open('/authors/aminata-kone/');
    assert.deepEqual(await cardTitles(aminata), [
      'Ivorian league sets restart date as clubs count the cost of a lost season',
      'Côte d’Ivoire cocoa farmers await farmgate price as main crop begins',
      'Sahel defence officials press donors for steadier funding of joint force',
    ]);
    assert.match((await aminata.locator('.author-head__bio').textContent()) ?? '', /West Africa correspondent/);
    await aminata.close();

    const ines = await open('/authors/ines-trabelsi/');
    assert.deepEqual(await cardTitles(ines), [
      'Tunisian start-ups look north as home market stalls',
      'Libya’s rival camps agree to keep talking on oil revenue, sources say',
    ]);
    const photo = await ines
      .locator('img.author-head__photo')
      .evaluate((image: HTMLImageElement) => ({ alt: image.alt, loaded: image.complete && image.naturalWidth > 0 }));
    assert.deepEqual(photo, { alt: 'Ines Trabelsi', loaded: true });
    assert.deepEqual(await ines.locator('.author-head__links a').evaluateAll((links) => links.map((link) => link.getAttribute('href'))), [
      'mailto:ines.trabelsi@example.org',
      'https://example.org/people/ines-trabelsi/',
      'https://example.social/@itrabelsi',
    ]);
    await ines.close();
  });

  it("takes a reader from a story to its section and to its author's page, named by the profile's key", async () => {
    const page = await open(ESPER);
    await page.locator('.story__head .kicker a').click();
    await page.waitForURL(`${origin}/sections/middle-east/`);
    await page.goto(origin + ESPER);
    await page.locator('.story__head a[rel="author"]').click();
    await page.waitForURL(`${origin}/authors/lchikhi/`);
    assert.equal(await page.locator('h1').textContent(), 'Lamine Chikhi');
    assert.deepEqual(await cardTitles(page), ['US defense chief’s rare Algeria visit points to Sahel region threats']);
    await page.close();
  });
});
