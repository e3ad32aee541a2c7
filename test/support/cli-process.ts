// `gazette` as a process of its own, run from the sources, for tests of what only a real process
// shows: exit codes, signals, several builds at once, a user without root's permissions.

import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './project.js';

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface Running {
  child: ChildProcess;
  /** What it printed so far. */
  output(): { out: string; err: string };
  finished: Promise<Finished>;
}

/**
 * The environment a test's gazette runs in: this one without `CI`, so that what it prints is what an
 * editor sees in a pipe (in a CI log, gazette also prints each stage of the build).
 */
export function gazetteEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { CI: _ci, ...env } = process.env;
  return { ...env, ...extra };
}

/** The user nobody: file permissions do not stop root. */
export const NOBODY = { uid: 65534, gid: 65534 };

export function startGazette(cwd: string, argv: readonly string[], user?: { uid: number; gid: number }): Running {
  const script = `const { main } = await import(${JSON.stringify(path.join(REPO, 'src/cli/main.ts'))}); process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, ...argv], {
    cwd,
    ...user,
    env: gazetteEnv(user ? { HOME: tmpdir() } : {}),
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })));
  return { child, output: () => ({ out, err }), finished };
}

export function runGazette(cwd: string, argv: readonly string[], user?: { uid: number; gid: number }): Promise<Finished> {
  return startGazette(cwd, argv, user).finished;
}

/** Resolves once `ready` holds for what the process printed; fails if it exits first or takes too long. */
export async function until(running: Running, ready: (output: { out: string; err: string }) => boolean, timeoutMs = 60_000): Promise<void> {
  let exited = false;
  void running.finished.then(() => (exited = true));
  for (let waited = 0; !ready(running.output()); waited += 25) {
    const { out, err } = running.output();
    if (exited) throw new Error(`gazette exited before it was ready:\n${out}\n${err}`);
    if (waited > timeoutMs) throw new Error(`gazette was not ready in time:\n${out}\n${err}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
