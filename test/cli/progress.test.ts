// The build's progress as the user sees it: on a (fake) terminal one line redrawn in place, throttled,
// with a count and the time left; in a CI log a plain line as each stage starts; nothing otherwise.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Io } from '../../src/cli/io.js';
import { progressDisplay } from '../../src/cli/progress.js';

function fakeIo(terminal: boolean) {
  const written: string[] = [];
  let now = 0;
  const io: Io = { out: () => undefined, err: () => undefined, cwd: '/', status: { terminal, write: (text) => written.push(text) }, clock: () => now };
  return { io, written, at: (ms: number) => (now = ms) };
}

describe('progressDisplay', () => {
  it('redraws one line on a terminal, not more than ten times a second, with the time left', () => {
    const { io, written, at } = fakeIo(true);
    const display = progressDisplay(io, false);
    assert.ok(display);
    display.progress({ stage: 'reading', done: 0 });
    at(600);
    display.progress({ stage: 'markdown', done: 0, total: 2000 });
    at(650);
    display.progress({ stage: 'markdown', done: 10, total: 2000 });
    at(1600);
    display.progress({ stage: 'markdown', done: 500, total: 2000 });
    at(1650);
    display.progress({ stage: 'markdown', done: 520, total: 2000 });
    at(1700);
    display.progress({ stage: 'pages', done: 1 });
    at(1900);
    display.progress({ stage: 'pages', done: 800 });
    display.end();
    assert.deepEqual(written, [
      '\r\u001b[Krendering Markdown 0/2000 (0%)',
      '\r\u001b[Krendering Markdown 500/2000 (25%), about 3 s left',
      '\r\u001b[Kwriting the pages 1',
      '\r\u001b[Kwriting the pages 800',
      '\r\u001b[K',
    ]);
  });

  it('shows nothing on a terminal for a build shorter than half a second', () => {
    const { io, written, at } = fakeIo(true);
    const display = progressDisplay(io, false);
    display?.progress({ stage: 'reading', done: 0 });
    at(100);
    display?.progress({ stage: 'markdown', done: 0, total: 3 });
    at(200);
    display?.progress({ stage: 'pages', done: 40 });
    display?.end();
    assert.deepEqual(written, []);
  });

  it('prints a plain line as each stage starts in a CI log, and times with --verbose', () => {
    const { io, written, at } = fakeIo(false);
    const display = progressDisplay(io, false);
    for (const [ms, event] of [
      [0, { stage: 'reading', done: 0 }],
      [900, { stage: 'markdown', done: 0, total: 15 }],
      [950, { stage: 'markdown', done: 1, total: 15 }],
      [2000, { stage: 'pictures', done: 0 }],
      [2100, { stage: 'pages', done: 1 }],
      [2200, { stage: 'pages', done: 2 }],
      [3000, { stage: 'feeds', done: 0 }],
      [3100, { stage: 'finishing', done: 0 }],
    ] as const) {
      at(ms);
      display?.progress(event);
    }
    display?.end();
    assert.deepEqual(written, [
      'reading the stories\n',
      'rendering Markdown: 15 to do\n',
      'publishing the pictures\n',
      'writing the pages\n',
      'writing the feeds\n',
      'finishing the search index, sitemaps and static files\n',
    ]);
    const verbose = fakeIo(true);
    const shown = progressDisplay(verbose.io, true);
    verbose.at(1500);
    shown?.progress({ stage: 'reading', done: 0 });
    assert.deepEqual(verbose.written, ['reading the stories (at 2 s)\n']);
  });

  it('shows nothing where there is no terminal and no CI log', () => {
    assert.equal(progressDisplay({ out: () => undefined, err: () => undefined, cwd: '/' }, false), undefined);
  });
});
