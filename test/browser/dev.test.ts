/// <reference lib="dom" />
// `gazette dev` as an author uses it: the site open in a real headless Chromium while the Markdown,
// templates and files change on disk. Pages must follow by themselves, a broken story must show an
// overlay while the last good site stays up, and fixing it must recover.

import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { type DevServer, startDev } from '../../src/dev/dev.js';
import { launchBrowser } from '../support/browser.js';
import { copySampleProject, type Project, SAMPLE_NOW } from '../support/project.js';

const STORY_FILE = 'content/2020/10/01/us-defense-chief-algeria-visit.md';
const STORY = '2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';
const DRAFT = '2020/10/03/libyan-military-delegations-to-meet-for-ceasefire-talks-later-this-month/';

/** Wait for something the dev loop does on its own; fails with `what` if it never happens. */
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check().catch(() => undefined);
    if (result) return result;
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('gazette dev in a browser', () => {
  let project: Project;
  let dev: DevServer;
  let browser: Browser;
  const log: string[] = [];
  const file = (relative: string) => path.join(project.root, relative);
  const status = async (sitePath: string) => (await fetch(dev.url + sitePath)).status;
  const text = async (sitePath: string) => (await fetch(dev.url + sitePath)).text();

  before(async () => {
    project = await copySampleProject();
    dev = await startDev({ root: project.root, overrides: { now: SAMPLE_NOW }, port: 0, host: '127.0.0.1', log: (line) => log.push(line) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await dev?.close();
    await project?.remove();
  });

  /** Open a page and leave a mark in it that only a reload removes. */
  async function openMarked(sitePath: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(dev.url + sitePath);
    await page.evaluate(() => Object.assign(window, { gazetteTestMark: true }));
    return page;
  }
  const reloaded = (page: Page) => page.evaluate(() => !('gazetteTestMark' in window));

  it('serves the site with drafts and scheduled stories shown and marked, and says so in the terminal', async () => {
    assert.match(dev.url, /^http:\/\/localhost:\d+\/$/);
    assert.equal(await status(''), 200);
    const draft = await text(DRAFT);
    assert.match(draft, /class="flag-draft flag-draft--banner"><strong>Draft<\/strong>/);
    assert.ok(
      log.some((line) => /^Built 16 stories into \d+ pages in \d+ ms \(drafts and scheduled stories shown\)$/.test(line)),
      log.join('\n'),
    );
    assert.ok(log.includes(`Serving The Maghreb Wire at ${dev.url}`));
  });

  it('updates a story page after its Markdown is edited, without a manual reload, and only the pages it changed', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') ?? 0) + 1)));
    await page.goto(dev.url + STORY);
    const archive = await openMarked('archive/');
    const original = await readFile(file(STORY_FILE), 'utf8');
    await writeFile(file(STORY_FILE), original.replace('made a rare visit to Algeria', 'made a LIVE-EDITED visit to Algeria'));
    await eventually('the story page shows the edit', async () => (await page.textContent('main'))?.includes('LIVE-EDITED'));
    await dev.idle();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await page.evaluate(() => sessionStorage.getItem('loads')), '2', 'reloaded once: the rebuild keeps the page written first');
    assert.ok(!(await reloaded(archive)), 'the archive, which the edit does not change, did not reload');
    await archive.close();
    // Files of the search index are named by their contents: an edit replaces some of them.
    assert.ok(
      log.some((line) =>
        /^\d\d:\d\d:\d\d content\/2020\/10\/01\/us-defense-chief-algeria-visit\.md changed: its page written in \d+ ms; rebuilt in \d+ ms, \d+ files? written, \d+ removed$/.test(
          line,
        ),
      ),
      log.join('\n'),
    );
    await page.close();
  });

  it('finds a word of an edit on the search page once Pagefind has made the index again', async () => {
    const original = await readFile(file(STORY_FILE), 'utf8');
    await writeFile(file(STORY_FILE), `${original}\nA word no story has: zanzibarite.\n`);
    const page = await browser.newPage();
    await eventually(
      'the search page finds the new word',
      async () => {
        await page.goto(`${dev.url}search/?q=zanzibarite`);
        await page.waitForSelector('.search-results[data-shown="q=zanzibarite"]', { state: 'attached', timeout: 5_000 });
        return (await page.$$('.search-result')).length === 1;
      },
      30_000,
    );
    assert.equal(await page.getAttribute('.search-result a', 'href'), `/${STORY}`);
    await writeFile(file(STORY_FILE), original);
    await page.close();
  });

  it('shows a new picture when the image beside a story changes, though the story did not', async () => {
    const page = await openMarked(STORY);
    const before = await page.$eval('.story__figure img', (image) => (image as HTMLImageElement).currentSrc);
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2a4d69' } })
      .jpeg()
      .toFile(file('content/2020/10/01/algiers-central-post-office.jpg'));
    await eventually('the story page shows the new picture', async () => {
      const image = await page.$eval('.story__figure img', (img) => ({
        src: (img as HTMLImageElement).currentSrc,
        width: (img as HTMLImageElement).naturalWidth,
        height: img.getAttribute('height'),
      }));
      return image.src !== before && image.width > 0 && image.height === '600';
    });
    assert.ok(await reloaded(page), 'the page reloaded by itself');
    assert.ok(
      log.some((line) => /^\d\d:\d\d:\d\d content\/2020\/10\/01\/algiers-central-post-office\.jpg changed: rebuilt in \d+ ms/.test(line)),
      log.join('\n'),
    );
    await page.close();
  });

  it('shows broken front-matter in an overlay and the terminal, keeps the last good page, and recovers when fixed', async () => {
    const page = await openMarked(STORY);
    const good = await readFile(file(STORY_FILE), 'utf8');
    await writeFile(file(STORY_FILE), good.replace(/^date: .*$/m, 'date: "2020-02-30T10:00:00+01:00"'));

    const overlay = page.locator('#gazette-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 15_000 });
    const problem = await overlay.textContent();
    assert.match(
      problem ?? '',
      /content\/2020\/10\/01\/us-defense-chief-algeria-visit\.md:4:1 {2}date {2}"2020-02-30T10:00:00\+01:00" is not a real date or time/,
    );
    assert.ok(
      log.some((line) => line.includes('the rebuild failed') && line.includes('us-defense-chief-algeria-visit.md:4:1')),
      log.join('\n'),
    );
    assert.match(await text(STORY), /LIVE-EDITED/, 'the last good page is still served');
    await page.screenshot({
      path: process.env.GAZETTE_SCREENSHOTS ? path.join(process.env.GAZETTE_SCREENSHOTS, 'dev-overlay.png') : path.join(project.root, 'overlay.png'),
    });

    const other = await browser.newPage();
    await other.goto(dev.url);
    await other.locator('#gazette-overlay').waitFor({ state: 'visible' });
    assert.ok((await other.locator('.card__title').count()) > 0, 'the last good front page is under the overlay');
    await other.close();

    await writeFile(file(STORY_FILE), good.replace('LIVE-EDITED', 'REPAIRED'));
    await eventually('the page recovers', async () => (await page.textContent('main'))?.includes('REPAIRED'));
    assert.equal(await overlay.count(), 0, 'the overlay is gone');
    await page.close();
  });

  it('answers 404 for a deleted story', async () => {
    const page = await openMarked(STORY);
    await rm(file(STORY_FILE));
    await eventually('the story is gone', async () => (await status(STORY)) === 404);
    await eventually('the open page reloads onto the 404 page', async () => (await page.textContent('h1'))?.match(/not found/i));
    await page.close();
  });

  it('puts a new story on the front page and on its tag page', async () => {
    const front = await openMarked('');
    await project.addStory(
      '2020/10/04/heatwave-grips-the-algerian-coast.md',
      [
        '---',
        'title: "Heatwave grips the Algerian coast"',
        'date: "2020-10-04T09:15:00+01:00"',
        'tags: [Algeria, Heatwave]',
        '---',
        '',
        'Temperatures above 40 °C closed schools in Oran and Annaba.',
        '',
      ].join('\n'),
    );
    const url = '/2020/10/04/heatwave-grips-the-algerian-coast/';
    await eventually('the front page links the new story', async () => (await front.locator(`a[href="${url}"]`).count()) > 0);
    const tag = await browser.newPage();
    await tag.goto(`${dev.url}tags/heatwave/`);
    assert.equal(await tag.locator(`a[href="${url}"]`).count(), 1);
    assert.equal(
      await tag
        .locator('h1')
        .textContent()
        .then((title) => title?.trim()),
      'Heatwave',
    );
    await Promise.all([front.close(), tag.close()]);
  });

  it('shows a template error in the overlay as text, naming the template and line, and recovers when fixed', async () => {
    const page = await openMarked('archive/');
    const footer = file('templates/partials/footer.liquid');
    const good = await readFile(footer, 'utf8');
    await writeFile(footer, good.replace('<ul class="site-footer__links">', '<ul class="site-footer__links">{% render "partials/<b id=injected>x</b>" %}'));
    const overlay = page.locator('#gazette-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await overlay.textContent()) ?? '', /templates\/partials\/footer\.liquid:7:\d+ .*partials\/<b id=injected>x<\/b>/);
    assert.equal(await page.locator('#injected').count(), 0, 'the message is text, not markup');
    await writeFile(footer, good);
    await eventually('the page recovers', async () => (await reloaded(page)) && (await overlay.count()) === 0);
    await page.close();
  });

  it('applies a configuration edit, and shows a broken configuration in the overlay', async () => {
    const page = await openMarked('');
    const configFile = file('gazette.config.yaml');
    const good = await readFile(configFile, 'utf8');
    await writeFile(configFile, good.replace('title: The Maghreb Wire', 'title: The Sahel Wire'));
    await eventually('the page shows the new title', async () => (await page.textContent('.masthead__title'))?.includes('The Sahel Wire'));
    await writeFile(configFile, good.replace('pageSize: 10', 'pageSize: ten'));
    const overlay = page.locator('#gazette-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await overlay.textContent()) ?? '', /gazette\.config\.yaml:\d+:\d+ {2}pageSize {2}expected a whole number/);
    await writeFile(configFile, good);
    await eventually(
      'the page recovers',
      async () => (await overlay.count()) === 0 && (await page.textContent('.masthead__title'))?.includes('The Maghreb Wire'),
    );
    assert.equal(dev.config.title, 'The Maghreb Wire');
    await page.close();
  });

  it('updates an author page after content/authors.yaml is edited, and shows a broken one in the overlay', async () => {
    const page = await openMarked('authors/aminata-kone/');
    const authorsFile = file('content/authors.yaml');
    const good = await readFile(authorsFile, 'utf8');
    await writeFile(authorsFile, good.replace('West Africa correspondent in Abidjan', 'LIVE-EDITED correspondent'));
    await eventually('the author page shows the new bio', async () => (await page.textContent('.author-head__bio'))?.includes('LIVE-EDITED'));
    assert.ok(await reloaded(page), 'the page reloaded by itself');
    await writeFile(authorsFile, good.replace('  bio: West Africa', '  biography: West Africa'));
    const overlay = page.locator('#gazette-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await overlay.textContent()) ?? '', /content\/authors\.yaml:\d+:3 {2}Aminata Koné\.biography {2}unknown field "biography"/);
    await writeFile(authorsFile, good);
    await eventually(
      'the page recovers',
      async () => (await overlay.count()) === 0 && (await page.textContent('.author-head__bio'))?.includes('West Africa correspondent'),
    );
    await page.close();
  });

  it('changes every page after a template edit', async () => {
    const page = await openMarked('tags/');
    const footer = file('templates/partials/footer.liquid');
    await writeFile(
      footer,
      (await readFile(footer, 'utf8')).replace('<p class="site-footer__generator">', '<p class="site-footer__generator">Lovingly published. '),
    );
    await eventually('the open page shows the new footer', async () => (await page.textContent('footer'))?.includes('Lovingly published'));
    const out = path.join(project.root, '.gazette/dev');
    // The emails have no site footer.
    const pages = (await readdir(out, { recursive: true })).filter((entry) => entry.endsWith('.html') && !entry.endsWith('email.html'));
    const stale = [];
    for (const entry of pages) {
      const html = await readFile(path.join(out, entry), 'utf8');
      if (!html.includes('http-equiv="refresh"') && !html.includes('Lovingly published.')) stale.push(entry);
    }
    assert.ok(pages.length > 40);
    assert.deepEqual(stale, []);
    await page.close();
  });
});
