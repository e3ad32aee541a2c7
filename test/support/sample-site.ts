// The sample site built once and shared by the tests that only read it, each test file running in a
// process of its own: kept in the OS temp folder under a hash of everything its bytes depend on.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { copySampleProject, listFiles, REPO } from './project.js';

/** What the site's bytes depend on besides Node: the sample project, the code, the libraries, and how it is built here. */
const INPUTS = ['gazette.config.yaml', 'content', 'templates', 'static', 'src', 'package-lock.json', 'test/support/project.ts', 'test/support/sample-site.ts'];

/** Per user: another user's builds could not be marked or removed. */
const SHELF = path.join(tmpdir(), `gazette-sample-site-${process.getuid?.() ?? 'user'}`);

/** A build nobody has used for this long was made from code that has changed since: it is removed. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** The lock only saves work (a build is published whole, by one rename), so a waiter never waits forever. */
const WAIT_MS = 120_000;
const LOOK_AGAIN_MS = 100;

/**
 * The folder of the sample site, built with the sample's clock and configuration. Only read it: it
 * is shared. Built by the first caller of a test run; a caller meanwhile waits for that build rather
 * than making its own, and sources or content changed since make a new one.
 */
export async function sampleSite(): Promise<string> {
  const site = path.join(SHELF, await hashInputs());
  const lock = `${site}.lock`;
  await mkdir(SHELF, { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await markUsed(site)) return site;
    if (await takeLock(lock)) {
      try {
        if (!(await markUsed(site))) await buildInto(site);
      } finally {
        await rm(lock, { force: true });
      }
      return site;
    }
    if (await holderGone(lock)) {
      await rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      await buildInto(site);
      return site;
    }
    await sleep(LOOK_AGAIN_MS);
  }
}

async function hashInputs(): Promise<string> {
  const hash = createHash('sha256').update(`${process.version} ${process.arch}\0`);
  for (const input of INPUTS) {
    const isFolder = (await stat(path.join(REPO, input))).isDirectory();
    const files = isFolder ? (await listFiles(path.join(REPO, input))).map((file) => `${input}/${file}`) : [input];
    for (const file of files) {
      const bytes = await readFile(path.join(REPO, file));
      hash.update(`${file}\0${bytes.length}\0`).update(bytes);
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** Whether the site is there (a build is only ever there whole); if so, marks it as still in use. */
async function markUsed(site: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(site, now, now);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function takeLock(lock: string): Promise<boolean> {
  try {
    await writeFile(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Whether the process named in the lock has ended without removing it (killed mid-build). */
async function holderGone(lock: string): Promise<boolean> {
  const pid = Number(await readFile(lock, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Builds in a folder of its own, then renames the site into place: a reader never sees half a site. */
async function buildInto(site: string): Promise<void> {
  const project = await copySampleProject();
  try {
    await project.build();
    await rename(project.out, site).catch((error: NodeJS.ErrnoException) => {
      // Another process published the same build first.
      if (error.code !== 'EEXIST' && error.code !== 'ENOTEMPTY') throw error;
    });
  } finally {
    await project.remove();
  }
  await forgetOldBuilds();
}

async function forgetOldBuilds(): Promise<void> {
  for (const name of await readdir(SHELF)) {
    const entry = path.join(SHELF, name);
    const used = await stat(entry).then(
      (found) => found.mtimeMs,
      () => Date.now(),
    );
    if (Date.now() - used > FORGET_AFTER_MS) await rm(entry, { recursive: true, force: true });
  }
}
