// `node --import tsx docs/screenshot.ts`: the README's picture of the sample front page, taken in
// headless Chromium at 1280 × 900 from a build of the sample project.

import path from 'node:path';
import { launchBrowser, serveSite } from '../test/support/browser.js';
import { copySampleProject } from '../test/support/project.js';

const project = await copySampleProject();
try {
  await project.build();
  const { origin, close } = await serveSite(project.out);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.screenshot({ path: path.join(import.meta.dirname, 'front-page.png') });
  } finally {
    await browser.close();
    close();
  }
} finally {
  await project.remove();
}
