// One writer at a time per output folder: `gazette build` and `gazette dev` hold a lock file beside
// the folder (`.dist.lock` for `dist/`) while they write it, created exclusively and naming its holder.

import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { GazetteError } from '../errors.js';
import { isRunning } from '../processes.js';
import { writeFailed } from './failures.js';
import { checkOutputFolder, type Folders } from './folders.js';

/** How long a build waits for the one writing its output folder, unless --wait says otherwise. */
export const WAIT_SECONDS = 1800;

/** How often a waiting build looks at the lock again. */
const LOOK_AGAIN_MS = 200;

/**
 * The process that holds a lock can be asked whether it runs only on its own machine: a holder
 * refreshes its lock's modification time this often, and another machine takes a lock not
 * refreshed for STALE_ELSEWHERE_MS as left by a build that no longer runs.
 */
const REFRESH_MS = 10_000;
const STALE_ELSEWHERE_MS = 120_000;

/** A lock file still empty this long after it was made was left by a process killed as it made it. */
const STALE_EMPTY_MS = 10_000;

export type LockCommand = 'build' | 'dev';

interface Holder {
  pid: number;
  host: string;
  command: LockCommand;
  /** When it took the lock, ISO 8601. */
  started: string;
  /** Names this holding of the lock: a process may hold several, or find its own pid in an old one. */
  token: string;
}

export interface OutputLock {
  /** Whether it waited for another build: the project may have changed meanwhile. */
  readonly waited: boolean;
  release(): void;
}

/** Tokens of the locks this process holds. */
const held = new Set<string>();

/** The lock file of an output folder: beside it, since the folder itself is replaced whole. */
export function lockFileOf(outDir: string): string {
  const folder = path.resolve(outDir);
  return path.join(path.dirname(folder), `.${path.basename(folder)}.lock`);
}

/**
 * Take the lock of the output folder. A build holding it is waited for, up to `waitMs` (one line
 * says so); `gazette dev`, which does not end by itself, is not. A lock whose holder no longer runs
 * is broken, with a note. Throws `output-busy` when the lock stays held, and the signal's reason
 * when it aborts the wait.
 */
export async function lockOutput(
  config: Folders,
  command: LockCommand,
  options: { waitMs: number; note: (line: string) => void; signal?: AbortSignal },
): Promise<OutputLock> {
  const file = lockFileOf(config.outDir);
  const folder = path.relative(config.root, path.resolve(config.outDir)) || '.';
  const me: Holder = { pid: process.pid, host: hostname(), command, started: new Date().toISOString(), token: randomUUID() };
  const text = JSON.stringify({ ...me, out: path.resolve(config.outDir) });
  const deadline = Date.now() + options.waitMs;
  let announced: string | undefined;
  let waited = false;
  // No lock beside a folder Gazette would refuse to write (the project folder, `/`).
  await checkOutputFolder(config);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
  } catch (cause) {
    throw writeFailed(cause as NodeJS.ErrnoException, folder);
  }
  for (;;) {
    try {
      writeFileSync(file, text, { flag: 'wx' });
      break;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailed(cause as NodeJS.ErrnoException, folder);
    }
    const found = readLock(file);
    if (found === undefined) continue;
    const holder = found.holder;
    const stale = isStale(found);
    if (stale && breakLock(file, found)) {
      options.note(`note: removed the lock on ${folder}/ of ${holder ? `${describe(holder)}, which no longer runs` : 'a build killed as it took it'}`);
      continue;
    }
    if (!stale && holder?.command === 'dev') {
      throw new GazetteError({
        code: 'output-busy',
        file: folder,
        message: `gazette dev ${describe(holder, false)} writes into this folder`,
        hint: command === 'dev' ? 'stop it, or give this one another folder with --out' : 'stop it, or build into another folder with --out',
      });
    }
    if (Date.now() >= deadline) {
      throw new GazetteError({
        code: 'output-busy',
        file: folder,
        message: `${holder ? describe(holder) : 'another build'} is writing this folder${options.waitMs > 0 ? `, still after ${Math.round(options.waitMs / 1000)} s` : ''}`,
        hint: `build again when it is done, or wait for it with --wait <seconds>; if no build runs, delete ${path.relative(config.root, file)}`,
      });
    }
    if (!stale && holder && announced !== holder.token) {
      options.note(`waiting for ${describe(holder)} writing ${folder}/ …`);
      announced = holder.token;
    }
    waited = true;
    await setTimeout(Math.max(1, Math.min(LOOK_AGAIN_MS, deadline - Date.now())), undefined, { signal: options.signal }).catch(() => {
      throw options.signal?.reason;
    });
  }

  held.add(me.token);
  const refresh = setInterval(() => {
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // Removed by hand: the build goes on.
    }
  }, REFRESH_MS);
  refresh.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearInterval(refresh);
    process.off('exit', release);
    held.delete(me.token);
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file);
    } catch {
      // Gone already.
    }
  };
  // A process that ends without releasing it (process.exit) releases it as it ends.
  process.on('exit', release);
  return { waited, release };
}

/** A lock as found: its holder (none while its maker has not written it yet), its text and file stamp. */
interface FoundLock {
  holder: Holder | undefined;
  text: string;
  ino: number;
  mtimeMs: number;
}

function readLock(file: string): FoundLock | undefined {
  try {
    const { ino, mtimeMs } = statSync(file);
    const text = readFileSync(file, 'utf8');
    return { holder: parseHolder(text), text, ino, mtimeMs };
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw writeFailed(cause as NodeJS.ErrnoException, file);
  }
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    const valid =
      Number.isInteger(value.pid) &&
      typeof value.host === 'string' &&
      (value.command === 'build' || value.command === 'dev') &&
      typeof value.started === 'string' &&
      typeof value.token === 'string';
    return valid ? (value as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Left by a process that no longer runs: on this machine, by its process id (or, this process's
 * own id, by its token); on another, by a lock its holder stopped refreshing.
 */
function isStale({ holder, mtimeMs }: FoundLock): boolean {
  if (holder === undefined) return Date.now() - mtimeMs > STALE_EMPTY_MS;
  if (holder.host !== hostname()) return Date.now() - mtimeMs > STALE_ELSEWHERE_MS;
  return holder.pid === process.pid ? !held.has(holder.token) : !isRunning(holder.pid);
}

/**
 * Remove a stale lock, if it is still the one found. Those who would break it take turns through a
 * second lock file, so that none removes a lock another has just taken in its place.
 */
function breakLock(file: string, found: FoundLock): boolean {
  const breaking = `${file}.break`;
  try {
    writeFileSync(breaking, String(process.pid), { flag: 'wx' });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw writeFailed(cause as NodeJS.ErrnoException, breaking);
    // One killed while it broke a lock left this behind: the next turn goes on without it.
    try {
      if (Date.now() - statSync(breaking).mtimeMs > STALE_EMPTY_MS) unlinkSync(breaking);
    } catch {
      // Gone meanwhile.
    }
    return false;
  }
  try {
    const now = readLock(file);
    if (now === undefined || now.ino !== found.ino || now.text !== found.text) return false;
    unlinkSync(file);
    return true;
  } finally {
    unlinkSync(breaking);
  }
}

/** `the build (pid 1234, started 2020-10-05 12:00:01)`, with the host when it is another. */
function describe(holder: Holder, named = true): string {
  const started = new Date(holder.started);
  const pad = (value: number) => String(value).padStart(2, '0');
  const when = Number.isNaN(started.getTime())
    ? holder.started
    : `${started.getFullYear()}-${pad(started.getMonth() + 1)}-${pad(started.getDate())} ${started.toTimeString().slice(0, 8)}`;
  const host = holder.host === hostname() ? '' : ` on ${holder.host}`;
  const what = holder.command === 'dev' ? 'gazette dev' : 'the build';
  return `${named ? `${what} ` : ''}(pid ${holder.pid}${host}, started ${when})`;
}
