// The lock of an output folder: who waits, who stops at once, which locks are broken (the real
// CLI's builds on one folder are in test/one-build-at-a-time.e2e.test.ts).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { GazetteError } from '../../src/errors.js';
import { lockFileOf, lockOutput } from '../../src/output/lock.js';

const STARTED = String.raw`started \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;
const quiet = { waitMs: 0, note: () => undefined };

/** The id of a process that has ended. */
function endedPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

describe('lockOutput', () => {
  let root: string;
  const folders = (outDir = path.join(root, 'dist')) => ({
    root,
    outDir,
    contentDir: path.join(root, 'content'),
    templatesDir: path.join(root, 'templates'),
    staticDir: path.join(root, 'static'),
  });
  const lockText = (fields: Record<string, unknown>) =>
    JSON.stringify({ host: hostname(), command: 'build', started: new Date().toISOString(), token: 'other', ...fields });
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gazette-lock-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is held by one at a time, beside the output folder, and taken again once released', async () => {
    const first = await lockOutput(folders(), 'build', quiet);
    assert.equal(lockFileOf(folders().outDir), path.join(root, '.dist.lock'));
    assert.ok(existsSync(path.join(root, '.dist.lock')));
    await assert.rejects(
      lockOutput(folders(), 'build', quiet),
      (error: GazetteError) =>
        error.code === 'output-busy' &&
        new RegExp(
          `^dist  the build \\(pid ${process.pid}, ${STARTED}\\) is writing this folder  \\(build again when it is done, or wait for it with --wait <seconds>; if no build runs, delete \\.dist\\.lock\\)  \\[output-busy\\]$`,
        ).test(error.format()),
    );
    first.release();
    assert.ok(!existsSync(path.join(root, '.dist.lock')));
    const second = await lockOutput(folders(), 'build', quiet);
    assert.equal(second.waited, false);
    second.release();
    // None is made beside a folder Gazette would refuse to write.
    await assert.rejects(lockOutput(folders(root), 'build', quiet), (error: GazetteError) => error.code === 'output-unsafe');
    assert.deepEqual(await readdir(path.dirname(root)).then((names) => names.filter((name) => name === `.${path.basename(root)}.lock`)), []);
  });

  it('makes a build wait for a build, saying so once, and not for gazette dev, which does not end by itself', async () => {
    const first = await lockOutput(folders(), 'build', quiet);
    const notes: string[] = [];
    const waiting = lockOutput(folders(), 'build', { waitMs: 60_000, note: (line) => notes.push(line) });
    while (notes.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    first.release();
    const second = await waiting;
    assert.equal(second.waited, true);
    assert.equal(notes.length, 1);
    assert.match(notes[0] ?? '', new RegExp(`^waiting for the build \\(pid ${process.pid}, ${STARTED}\\) writing dist/ …$`));
    second.release();

    // The dev server waits for a build too.
    const build = await lockOutput(folders(), 'build', quiet);
    const devWaiting = lockOutput(folders(), 'dev', { waitMs: 60_000, note: (line) => notes.push(line) });
    while (notes.length === 1) await new Promise((resolve) => setTimeout(resolve, 10));
    build.release();
    (await devWaiting).release();

    const dev = await lockOutput(folders(), 'dev', quiet);
    for (const command of ['build', 'dev'] as const) {
      await assert.rejects(lockOutput(folders(), command, { waitMs: 60_000, note: (line) => notes.push(line) }), (error: GazetteError) =>
        new RegExp(
          `^dist  gazette dev \\(pid ${process.pid}, ${STARTED}\\) writes into this folder  \\(stop it, or ${command === 'build' ? 'build into' : 'give this one'} another folder with --out\\)  \\[output-busy\\]$`,
        ).test(error.format()),
      );
    }
    assert.equal(notes.length, 2);
    dev.release();
  });

  it("breaks, with a note, a lock whose process no longer runs, one of this process's id from before, and one of another machine no longer refreshed", async () => {
    const file = path.join(root, '.dist.lock');
    const cases = [
      { text: lockText({ pid: endedPid() }), note: /^note: removed the lock on dist\/ of the build \(pid \d+, started .*\), which no longer runs$/ },
      { text: lockText({ pid: process.pid }), note: /^note: removed the lock on dist\/ of the build \(pid \d+, started .*\), which no longer runs$/ },
      {
        text: lockText({ pid: 1, host: 'another-machine' }),
        age: 600,
        note: /^note: removed the lock on dist\/ of the build \(pid 1 on another-machine, started .*\), which no longer runs$/,
      },
      { text: '', age: 60, note: /^note: removed the lock on dist\/ of a build killed as it took it$/ },
    ];
    for (const { text, age, note } of cases) {
      await writeFile(file, text);
      if (age) await utimes(file, new Date(Date.now() - age * 1000), new Date(Date.now() - age * 1000));
      const notes: string[] = [];
      const lock = await lockOutput(folders(), 'build', { waitMs: 0, note: (line) => notes.push(line) });
      assert.equal(notes.length, 1, text);
      assert.match(notes[0] ?? '', note);
      lock.release();
    }
    // Another machine's lock, refreshed: its holder may run, and is waited for.
    await writeFile(file, lockText({ pid: 1, host: 'another-machine' }));
    await assert.rejects(lockOutput(folders(), 'build', quiet), /the build \(pid 1 on another-machine, started .*\) is writing this folder/);
  });
});
