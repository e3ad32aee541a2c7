// The dev loop's save-to-written latency: with `gazette dev` running, save a change to a story and
// time until its page in the dev output folder holds the change (the page the dev loop writes
// first), and until the rebuild has written every file. Includes the watcher's settle time.

import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEV_OUTPUT, startDev } from '../src/dev/dev.js';
import { CORPUS_NOW } from './corpus.js';
import { editStory, latestStory, pageOf } from './edits.js';
import { type Measured, measure, measuredRow, medianRun, type Row } from './measure.js';
import { ROWS } from './scenarios.js';

const SAVES = 5;
const FIRST_REVISION = 100;
const PAGE_TIMEOUT_MS = 120_000;
const PAUSE_BETWEEN_SAVES_MS = 300;

export async function measureDevLoop(root: string, stories: number): Promise<Row[]> {
  const started = await measure(() => startDev({ root, overrides: { now: CORPUS_NOW }, port: 0, host: '127.0.0.1', log: () => {} }));
  const dev = started.result;
  try {
    const story = await latestStory(root);
    const page = path.join(root, DEV_OUTPUT, pageOf(root, story));
    const saves: Measured<void>[] = [];
    const rebuilds: Measured<void>[] = [];
    for (let revision = FIRST_REVISION; revision < FIRST_REVISION + SAVES; revision++) {
      const written = pageHolding(page, `updated in revision ${revision}.`);
      // The rebuild's clock starts with the page's: both from the save.
      rebuilds.push(
        await measure(async () => {
          saves.push(
            await measure(async () => {
              await editStory(story, revision);
              await written;
            }),
          );
          await dev.idle();
        }),
      );
      await sleep(PAUSE_BETWEEN_SAVES_MS);
    }
    const times = (runs: Measured<void>[]) => runs.map((run) => Math.round(run.wallMs)).join(', ');
    return [
      measuredRow(
        stories,
        ROWS.devLoop,
        medianRun(saves),
        `median of ${SAVES} saves: ${times(saves)} ms; dev started in ${(started.wallMs / 1000).toFixed(1)} s`,
      ),
      measuredRow(stories, ROWS.devLoopRebuilt, medianRun(rebuilds), `the same saves until the rebuild wrote every file: ${times(rebuilds)} ms`),
    ];
  } finally {
    await dev.close();
  }
}

/** Resolves once the page holds `text` in full (a page is complete once it ends in </html>). */
function pageHolding(page: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      watcher.close();
      outcome();
    };
    const check = async () => {
      const html = await readFile(page, 'utf8').catch(() => '');
      if (html.includes(text) && html.trimEnd().endsWith('</html>')) finish(resolve);
    };
    const watcher = watch(path.dirname(page), () => void check());
    const timer = setTimeout(() => finish(() => reject(new Error(`${page} did not change within ${PAGE_TIMEOUT_MS / 1000} s`))), PAGE_TIMEOUT_MS);
  });
}
