// What one scenario cost: wall time, CPU time of the whole process (every thread: workers, libuv's
// pool, the garbage collector) and the process's peak resident memory so far. The machine may be
// shared, so each measure also says how much of its CPU other processes used meanwhile.

import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BuildFailed, GazetteError } from '../src/errors.js';

export interface Row {
  /** N, the stories in the corpus. */
  stories: number;
  /** The scenario's stable id (scenarios.ts, or peers/scenarios.ts). */
  scenario: string;
  wallMs?: number;
  cpuMs?: number;
  peakRssMb?: number;
  /** Stories per second of wall time, for scenarios that go through every story. */
  storiesPerSecond?: number;
  /** Share of the machine's CPU capacity used by other processes during the run. */
  otherLoad?: number;
  /** What the build made, when the scenario knows: HTML pages, files in the output, files it wrote. */
  pages?: number;
  files?: number;
  written?: number;
  note: string;
  error?: string;
}

export interface Measured<T> {
  result: T;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  otherLoad: number;
}

export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const machine = machineBusyMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const otherLoad = Math.max(0, (machineBusyMs() - machine - cpuMs) / (os.cpus().length * wallMs));
  return { result, wallMs, cpuMs, peakRssMb: peakRssMb(), otherLoad };
}

/** Run work done by a child process; says how much CPU time every process but this one used meanwhile. */
export async function othersBusyDuring<T>(work: () => Promise<T>): Promise<{ result: T; busyMs: number; wallMs: number }> {
  const machine = machineBusyMs();
  const own = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const ownUsed = process.cpuUsage(own);
  return { result, busyMs: machineBusyMs() - machine - (ownUsed.user + ownUsed.system) / 1000, wallMs };
}

/** The share of the machine's CPU capacity that `busyMs` of CPU time over `wallMs` is. */
export function loadShare(busyMs: number, wallMs: number): number {
  return Math.max(0, busyMs / (os.cpus().length * wallMs));
}

/** Share of the machine's CPU capacity in use (by any process) over the next `ms`. */
export async function machineLoad(ms: number): Promise<number> {
  const before = machineBusyMs();
  await sleep(ms);
  return (machineBusyMs() - before) / (os.cpus().length * ms);
}

function machineBusyMs(): number {
  return os.cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** The run with the median wall time (the later of the two middle ones for an even count). */
export function medianRun<T>(runs: readonly Measured<T>[]): Measured<T> {
  const run = [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1];
  if (run === undefined) throw new Error('no run to take the median of');
  return run;
}

export function measuredRow(stories: number, scenario: string, run: Measured<unknown>, note: string): Row {
  return { stories, scenario, wallMs: run.wallMs, cpuMs: run.cpuMs, peakRssMb: run.peakRssMb, otherLoad: run.otherLoad, note };
}

/** A short, one-line account of a failure for the table, with Gazette's first problems when it gave any. */
export function errorText(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  if (error instanceof BuildFailed)
    text = `${text}: ${error.problems
      .slice(0, 2)
      .map((problem) => problem.format())
      .join('; ')}`;
  else if (error instanceof GazetteError) text = error.format();
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
