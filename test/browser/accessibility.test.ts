/// <reference lib="dom" />
// Every page type of the sample site checked by axe-core (the engine of the accessibility tools
// of Chrome and Firefox) in headless Chromium, in light and in dark: any violation fails.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveSite } from '../support/browser.js';
import { sampleSite } from '../support/sample-site.js';

const PAGES: Record<string, string> = {
  front: '/',
  story: '/2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/',
  'story with a picture in its body': '/2020/10/01/euro-zone-factories-grow-for-third-month-but-jobs-keep-disappearing/',
  edition: '/2020/10/01/',
  archive: '/archive/',
  tags: '/tags/',
  tag: '/tags/algeria/',
  sections: '/sections/',
  section: '/sections/middle-east/',
  authors: '/authors/',
  author: '/authors/ines-trabelsi/',
  search: '/search/',
  '404': '/no/such/page/',
  subscribe: '/subscribe/',
  'feed page (RSS)': '/feed.xml',
  'feed page (Atom)': '/sections/africa/atom.xml',
};

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let browser: Browser;
let origin: string;
let close: () => void;
let axeSource: string;

before(async () => {
  ({ origin, close } = await serveSite(await sampleSite()));
  browser = await launchBrowser();
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
});
after(async () => {
  await browser?.close();
  close?.();
});

describe('accessibility (axe-core)', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, url] of Object.entries(PAGES)) {
      it(`finds no violation on the ${name} page in ${colorScheme}`, async () => {
        const page = await browser.newPage({ colorScheme, viewport: { width: 1280, height: 900 } });
        await page.goto(origin + url, { waitUntil: 'load' });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<{ violations: Violation[] }> } }).axe;
          // Chromium puts its own warning about XSLT's removal over a page made by XSLT: not the site's.
          const results = await axe.run({ include: [['html']], exclude: [['xslt-warning-banner']] }, { resultTypes: ['violations'] });
          return results.violations.map(({ id, help, nodes }) => ({
            id,
            help,
            nodes: nodes.slice(0, 5).map(({ target, failureSummary }) => ({ target, failureSummary })),
          }));
        });
        await page.close();
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      });
    }
  }
});
