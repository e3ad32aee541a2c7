// One build at a time per output folder, on the real CLI: builds started together with different
// clocks take turns and leave exactly one build's site; a build waits for the one writing (held
// here by a lock file this test writes, naming this process) while `gazette check` does not; a build
// killed with SIGKILL leaves a lock the next one breaks; one stopped by SIGTERM releases it; a build
// stops at once while `gazette dev` writes the folder.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { build } from '../src/incremental/publish.js';
import { type Running, runGazette, startGazette, until } from './support/cli-process.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from './support/project.js';

const STARTED = String.raw`started \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}`;

/** Resolves once the build holds the lock (the file names its holder); fails if it ends first. */
async function untilLocked(running: Running, lockFile: string): Promise<void> {
  let ended = false;
  void running.finished.then(() => (ended = true));
  while (!(await readFile(lockFile, 'utf8').catch(() => '')).includes('"pid"')) {
    if (ended) throw new Error(`the build ended without taking the lock:\n${running.output().err}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Hold the output folder's lock as a build of this process would (see src/output/lock.ts). */
async function holdLock(project: Project): Promise<{ release: () => Promise<void> }> {
  const file = path.join(project.root, '.dist.lock');
  await writeFile(
    file,
    JSON.stringify({ pid: process.pid, host: hostname(), command: 'build', started: new Date().toISOString(), token: 'held-by-the-test' }),
    { flag: 'wx' },
  );
  return { release: () => rm(file) };
}

const CLOCKS = ['2020-10-02T12:00:00Z', '2020-10-03T18:00:00Z', SAMPLE_NOW];

describe('gazette build and dev on one output folder', () => {
  let project: Project;
  /** Each clock's site, built cold into a folder of its own. */
  const cold = new Map<string, Map<string, Buffer>>();
  const same = (a: Map<string, Buffer> | undefined, b: Map<string, Buffer> | undefined) =>
    a !== undefined && b !== undefined && a.size === b.size && [...a].every(([file, bytes]) => b.get(file)?.equals(bytes));
  /** The clock whose site the output folder is, byte for byte. */
  const siteOf = async () => {
    const site = await snapshot(project.out);
    return CLOCKS.find((clock) => same(site, cold.get(clock)));
  };
  /** Nothing a build writes beside dist/ is left: its temporary, old, patch and lock files (a replaced site is deleted in the background). */
  const nothingLeftBeside = async () => {
    const beside = async () => (await readdir(project.root)).filter((name) => name.startsWith('.dist.'));
    for (let waited = 0; (await beside()).some((name) => name.startsWith('.dist.trash-')) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(await beside(), []);
  };

  before(async () => {
    project = await copySampleProject();
    for (const [index, now] of CLOCKS.entries()) {
      const out = path.join(project.root, `cold-${index}`);
      await build(loadConfig(project.root, { now, out }), { write: true, cache: false });
      cold.set(now, await snapshot(out));
    }
    // A site published already, as a cron publish or an editor's meets it.
    await project.build();
    assert.equal(
      new Set(CLOCKS.map((clock) => JSON.stringify([...(cold.get(clock) ?? [])].map(([file, bytes]) => [file, bytes.toString('base64')])))).size,
      CLOCKS.length,
      'each clock gives another site',
    );
  });
  after(() => project.remove());

  it("builds started together take turns: the folder is exactly one build's site, and the next build says so right", async () => {
    const runs = await Promise.all(CLOCKS.map((now) => runGazette(project.root, ['build', '--now', now])));
    for (const run of runs) assert.equal(run.code, 0, run.err);
    assert.ok(
      runs.some((run) => /^waiting for the build \(pid \d+, /m.test(run.err)),
      'a build waited for another',
    );
    const last = await siteOf();
    assert.ok(last, "dist/ is one build's site");
    await nothingLeftBeside();
    const again = await runGazette(project.root, ['build', '--now', last]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^Nothing changed since the last build/);
    assert.equal(await siteOf(), last);
    const other = CLOCKS.find((clock) => clock !== last) as string;
    const rebuilt = await runGazette(project.root, ['build', '--now', other]);
    assert.equal(rebuilt.code, 0, rebuilt.err);
    assert.match(rebuilt.out, /^Built /);
    assert.equal(await siteOf(), other);
  });

  it('a build waits for the one writing, saying so once, then builds on what it left; a check does not wait', async () => {
    // Two clocks that give another site than the folder holds: each build has work to do.
    const current = await siteOf();
    const clocks = CLOCKS.filter((clock) => clock !== current).slice(0, 2);
    const held = await holdLock(project);
    const before = await snapshot(project.out);
    const waitingLine = new RegExp(`^waiting for the build \\(pid ${process.pid}, ${STARTED}\\) writing dist/ …$`, 'gm');
    const builds = clocks.map((now) => startGazette(project.root, ['build', '--now', now]));
    try {
      const check = await runGazette(project.root, ['check', '--now', SAMPLE_NOW]);
      assert.equal(check.code, 0, check.err);
      for (const running of builds) await until(running, ({ err }) => new RegExp(waitingLine.source, 'm').test(err));
      assert.deepEqual(await snapshot(project.out), before, 'nothing is written while the lock is held');
    } finally {
      await held.release();
    }
    const runs = await Promise.all(builds.map((running) => running.finished));
    for (const run of runs) {
      assert.equal(run.code, 0, run.err);
      assert.equal(run.err.match(waitingLine)?.length, 1, run.err);
    }
    // Released together, they took turns: one waited for the other to end.
    const waitedForOther = builds.filter((running, index) => runs[1 - index]?.err.includes(`waiting for the build (pid ${running.child.pid}, `));
    assert.equal(waitedForOther.length, 1, runs.map((run) => run.err).join('\n'));
    assert.ok(clocks.includes((await siteOf()) as string));
    await nothingLeftBeside();
  });

  it('--wait 0 stops at once and --wait 1 after a second, exit 75, writing nothing', async () => {
    const held = await holdLock(project);
    const before = await snapshot(project.out);
    try {
      const now = await runGazette(project.root, ['build', '--wait', '0', '--now', CLOCKS[0] as string]);
      assert.equal(now.code, 75, now.err);
      assert.match(
        now.err.trim(),
        new RegExp(
          `^dist  the build \\(pid ${process.pid}, ${STARTED}\\) is writing this folder  \\(build again when it is done, or wait for it with --wait <seconds>; if no build runs, delete \\.dist\\.lock\\)  \\[output-busy\\]$`,
        ),
      );
      const later = await runGazette(project.root, ['build', '--wait', '1', '--now', CLOCKS[0] as string]);
      assert.equal(later.code, 75, later.err);
      assert.match(later.err, /^waiting for the build .*\ndist {2}the build .* is writing this folder, still after 1 s {2}\(/);
      assert.equal((await runGazette(project.root, ['build', '--wait', 'soon'])).code, 2);
      assert.deepEqual(await snapshot(project.out), before);
    } finally {
      await held.release();
    }
  });

  it('a lock left by a build killed with SIGKILL does not stop the next build, which says it removed it', async () => {
    const lockFile = path.join(project.root, '.dist.lock');
    const killed = startGazette(project.root, ['build', '--no-cache', '--now', CLOCKS[0] as string]);
    // Once the lock names its holder (killed in the moment between making the file and writing it,
    // a build leaves an empty lock, broken once it is older than a few seconds).
    await untilLocked(killed, lockFile);
    killed.child.kill('SIGKILL');
    assert.equal((await killed.finished).signal, 'SIGKILL');
    assert.ok(existsSync(lockFile), 'the killed build left its lock');
    const next = await runGazette(project.root, ['build', '--now', CLOCKS[1] as string]);
    assert.equal(next.code, 0, next.err);
    assert.match(next.err, new RegExp(`^note: removed the lock on dist/ of the build \\(pid ${killed.child.pid}, ${STARTED}\\), which no longer runs$`, 'm'));
    assert.equal(await siteOf(), CLOCKS[1]);
    await nothingLeftBeside();
  });

  it('a build stopped by SIGTERM releases the lock', async () => {
    const lockFile = path.join(project.root, '.dist.lock');
    const stopped = startGazette(project.root, ['build', '--no-cache', '--now', CLOCKS[2] as string]);
    await untilLocked(stopped, lockFile);
    stopped.child.kill('SIGTERM');
    const run = await stopped.finished;
    assert.equal(run.code, 143, run.err);
    assert.ok(!existsSync(lockFile));
    assert.equal(await siteOf(), CLOCKS[1], 'the site of the build before');
  });

  it('gazette dev on the folder stops a build at once, until it ends', async () => {
    const dev = startGazette(project.root, ['dev', '--out', 'dist', '--port', '0', '--now', SAMPLE_NOW]);
    try {
      await until(dev, ({ out }) => /Press Ctrl\+C to stop/.test(out));
      const run = await runGazette(project.root, ['build', '--now', SAMPLE_NOW]);
      assert.equal(run.code, 75, run.err);
      assert.match(
        run.err.trim(),
        new RegExp(
          `^dist  gazette dev \\(pid ${dev.child.pid}, ${STARTED}\\) writes into this folder  \\(stop it, or build into another folder with --out\\)  \\[output-busy\\]$`,
        ),
      );
    } finally {
      dev.child.kill('SIGINT');
    }
    assert.equal((await dev.finished).code, 0);
    const after = await runGazette(project.root, ['build', '--now', SAMPLE_NOW]);
    assert.equal(after.code, 0, after.err);
    assert.equal(await siteOf(), SAMPLE_NOW);
  });
});
