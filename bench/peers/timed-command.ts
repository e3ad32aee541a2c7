// One build, as a process of its own, timed by GNU time: wall time, CPU time (user + system) and peak
// resident memory, the same way whatever the generator is written in; and the other load meanwhile.

import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadShare, othersBusyDuring } from '../measure.js';

const GNU_TIME = '/usr/bin/time';
const OUTPUT_LINES = 12;

export interface TimedRun {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  /** Share of the machine's CPU capacity used by other processes during the run. */
  otherLoad: number;
  /** What the command printed, standard output then standard error. */
  output: string;
}

/** Why commands cannot be timed here, or undefined when they can. */
export async function missingTimer(): Promise<string | undefined> {
  try {
    await access(GNU_TIME, constants.X_OK);
    return undefined;
  } catch {
    return `${GNU_TIME} is missing: apt-get install time`;
  }
}

/** Run `argv` in `cwd` under GNU time; a command that fails is an error carrying the end of its output. */
export async function timeCommand(argv: readonly string[], cwd: string): Promise<TimedRun> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'gazette-peers-time-'));
  const report = path.join(folder, 'time.txt');
  try {
    const { result: output, busyMs, wallMs } = await othersBusyDuring(() => runTimed(argv, report, cwd));
    const [user, system, peakKb] = ((await readFile(report, 'utf8')).trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    if (user === undefined || system === undefined || peakKb === undefined || [user, system, peakKb].some(Number.isNaN)) {
      throw new Error(`${GNU_TIME} wrote no usage for ${argv.join(' ')}`);
    }
    const cpuMs = (user + system) * 1000;
    // The timed process is one of the others here: what it used is not other load.
    return { wallMs, cpuMs, peakRssMb: peakKb / 1024, otherLoad: loadShare(busyMs - cpuMs, wallMs), output };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function runTimed(argv: readonly string[], report: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(GNU_TIME, ['-f', '%U %S %M', '-o', report, ...argv], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`.trimEnd();
      if (!error) return resolve(output);
      const tail = output.split('\n').slice(-OUTPUT_LINES).join('\n');
      reject(new Error(`${argv.join(' ')} failed (${error.code ?? error.signal}): ${tail}`, { cause: error }));
    });
  });
}
