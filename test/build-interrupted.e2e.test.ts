// Builds that die: `gazette build` is run as a process on a site big enough to take a couple of
// seconds and killed at seeded random moments (SIGKILL, SIGINT, SIGTERM), some of them while it is
// writing. After each, dist/ must be one complete site, byte for byte: the one before, or the new
// one if the swap was done; or, killed while a publish moved its few changed files in (a patch, see
// src/output/patch.ts), each file whole and from one of the two, and the next build must finish the patch.
// The next build must succeed and leave no temporary folder behind.
// GAZETTE_KILL_SEED=7 GAZETTE_KILLS=20 node --import tsx --test test/build-interrupted.test.ts runs longer.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { build } from '../src/incremental/publish.js';
import { gazetteEnv } from './support/cli-process.js';
import { copySampleProject, type Project, REPO, SAMPLE_NOW, snapshot } from './support/project.js';

const SEED = Number(process.env.GAZETTE_KILL_SEED ?? 1);
const KILLS = Number(process.env.GAZETTE_KILLS ?? 6);
const STORIES = 60;
const CHANGED_STORY = 'content/2020/09/01/story-0.md';

/** mulberry32: a small seeded generator, so that a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function storyText(index: number, edition: number): string {
  const day = String(1 + (index % 28)).padStart(2, '0');
  const body = Array.from(
    { length: 10 },
    (_, paragraph) =>
      `Paragraph ${paragraph} of story ${index}, version ${index === 0 ? edition : 0}: officials said talks would resume, with [a link](/tags/) and *emphasis*.`,
  ).join('\n\n');
  return `---\ntitle: Story ${index} about the talks\ndate: 2020-09-${day}T${String(index % 24).padStart(2, '0')}:00:00+01:00\ntags: [Tag ${index % 30}, Talks]\n---\n${body}\n`;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  err: string;
  /** Killed while patching dist/ in place: the next build finished the patch. */
  patchKilled?: boolean;
}

/** `gazette build` as a process; `stop` decides when to send which signal, if at all. */
function runBuild(cwd: string, stop?: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
  const script = `const { main } = await import(${JSON.stringify(path.join(REPO, 'src/cli/main.ts'))}); process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, 'build', '--quiet', '--now', SAMPLE_NOW],
    { cwd, env: gazetteEnv() },
  );
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stop?.(child);
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, err })));
}

async function leftovers(root: string): Promise<string[]> {
  return (await readdir(root)).filter((name) => /^\.dist\.(tmp|old)-\d+$/.test(name));
}

/** The journals of patches (see src/output/patch.ts) a killed build left unfinished. */
async function patchJournals(root: string): Promise<string[]> {
  return (await readdir(root)).filter((name) => /^\.dist\.patch-\d+$/.test(name));
}

function sameSite(actual: Map<string, Buffer>, expected: Map<string, Buffer>): boolean {
  return actual.size === expected.size && [...expected].every(([file, bytes]) => actual.get(file)?.equals(bytes));
}

describe('builds that are killed', () => {
  let project: Project;
  /** The complete site of each version of the changed story: 0 and 1. */
  const sites: Map<string, Buffer>[] = [];
  /** The version dist/ shows, and the version of the story on disk. */
  let edition = 0;
  let written = 0;
  let fullRun = 0;
  const random = seeded(SEED);

  before(async () => {
    project = await copySampleProject();
    for (let index = 0; index < STORIES; index++)
      await project.addStory(`2020/09/${String(1 + (index % 28)).padStart(2, '0')}/story-${index}.md`, storyText(index, 0));
    for (const version of [1, 0]) {
      await writeFile(path.join(project.root, CHANGED_STORY), storyText(0, version));
      const out = path.join(project.root, `reference-${version}`);
      await build(loadConfig(project.root, { now: SAMPLE_NOW, out }));
      sites[version] = await snapshot(out);
      await rm(out, { recursive: true });
    }
    const started = performance.now();
    const first = await runBuild(project.root);
    fullRun = performance.now() - started;
    assert.equal(first.code, 0, first.err);
    assert.ok(sameSite(await snapshot(project.out), sites[0] as Map<string, Buffer>), 'a whole build gives the reference site');
  });
  after(() => project?.remove());

  /** Change the story, build, stop the build as `stop` says, and check what dist/ holds. */
  async function interruptedBuild(stop: (child: ReturnType<typeof spawn>) => void): Promise<Run> {
    const next = 1 - edition;
    written = next;
    await writeFile(path.join(project.root, CHANGED_STORY), storyText(0, next));
    const run = await runBuild(project.root, stop);
    const now = await snapshot(project.out);
    const which = [edition, next].find((version) => sameSite(now, sites[version] as Map<string, Buffer>));
    if (which === undefined && run.signal === 'SIGKILL' && (await patchJournals(project.root)).length > 0) {
      // Killed while it moved its few changed files into dist/: each file is whole, from one site
      // or the other, and the next build finishes the patch before it does anything else.
      for (const [file, bytes] of now) {
        assert.ok(
          [edition, next].some((version) => sites[version]?.get(file)?.equals(bytes)),
          `${file} is from neither site`,
        );
      }
      const finished = await runBuild(project.root);
      assert.equal(finished.code, 0, finished.err);
      assert.ok(sameSite(await snapshot(project.out), sites[next] as Map<string, Buffer>), 'the build after a killed patch gives the new site');
      assert.deepEqual(await patchJournals(project.root), []);
      edition = next;
      return { ...run, patchKilled: true };
    }
    assert.notEqual(which, undefined, `after ${JSON.stringify({ code: run.code, signal: run.signal })}, dist/ is neither the previous site nor the new one`);
    edition = which as number;
    return run;
  }

  it(`keeps a whole site through ${KILLS} SIGKILLs at random moments (seed ${SEED})`, async (context) => {
    context.diagnostic(`a whole build takes ${Math.round(fullRun)} ms`);
    for (let kill = 0; kill < KILLS; kill++) {
      // Half the kills at any moment of a build, half while it writes (once its temporary folder exists).
      const whileWriting = kill % 2 === 1;
      const delay = whileWriting ? random() * 300 : random() * fullRun;
      const before = edition;
      const run = await interruptedBuild((child) => {
        const fire = () => setTimeout(() => child.kill('SIGKILL'), delay);
        if (!whileWriting) return void fire();
        const watch = setInterval(() => {
          if (existsSync(path.join(project.root, `.dist.tmp-${child.pid}`)) || child.exitCode !== null) {
            clearInterval(watch);
            fire();
          }
        }, 2);
        child.on('exit', () => clearInterval(watch));
      });
      const left = await leftovers(project.root);
      const site = run.patchKilled ? 'was being patched, and the next build finished it' : `is the ${edition === before ? 'previous' : 'new'} site`;
      context.diagnostic(
        `kill ${kill + 1}: ${whileWriting ? 'while writing, ' : ''}after ${Math.round(delay)} ms: ${run.signal ?? `exit ${run.code}`}, dist/ ${site}${left.length > 0 ? `, left ${left.join(' ')}` : ''}`,
      );
    }
    const next = await runBuild(project.root);
    assert.equal(next.code, 0, next.err);
    assert.ok(sameSite(await snapshot(project.out), sites[written] as Map<string, Buffer>), 'the next build gives the whole new site');
    edition = written;
    assert.deepEqual(await leftovers(project.root), [], 'the next build clears what killed builds left');
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`stops cleanly on ${signal}: exit code ${signal === 'SIGINT' ? 130 : 143}, the previous site, no temporary folder`, async (context) => {
      const delay = fullRun * (0.4 + random() * 0.5);
      const run = await interruptedBuild((child) => void setTimeout(() => child.kill(signal), delay));
      context.diagnostic(`${signal} after ${Math.round(delay)} ms: ${run.signal ?? `exit ${run.code}`}`);
      if (run.signal === signal) {
        // Still starting up, before Gazette listened: nothing had been written.
        assert.equal(run.err, '');
      } else if (run.code !== 0) {
        assert.equal(run.code, signal === 'SIGINT' ? 130 : 143, run.err);
        assert.equal(run.err.trim(), `${signal}  the build was stopped; the output folder was left as it was  [interrupted]`);
      }
      assert.deepEqual(await leftovers(project.root), []);
    });
  }

  it('builds again after all that, from the changed story, with nothing left over', async () => {
    const run = await runBuild(project.root);
    assert.equal(run.code, 0, run.err);
    assert.ok(sameSite(await snapshot(project.out), sites[written] as Map<string, Buffer>));
    assert.deepEqual(await leftovers(project.root), []);
  });
});
