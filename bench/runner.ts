// What the two benchmark runners (run.ts and peers.ts) share: the story counts of --stories,
// progress lines on standard error, and waiting for other processes to finish before a measure.

import { machineLoad } from './measure.js';

const QUIET_WAIT_MS = 3 * 60_000;
const QUIET_LOAD = 0.2;

export function parseCounts(text: string): number[] {
  const counts = text.split(',').map((part) => Number(part.trim()));
  if (counts.some((count) => !Number.isInteger(count) || count < 1))
    throw new Error(`--stories takes whole numbers separated by commas, e.g. 1000,10000; got "${text}"`);
  return counts;
}

export function progress(line: string): void {
  process.stderr.write(`[${new Date().toTimeString().slice(0, 8)}] ${line}\n`);
}

/** Other processes slow a measure down: give them a moment to finish first. */
export async function waitForQuietMachine(): Promise<void> {
  const deadline = Date.now() + QUIET_WAIT_MS;
  for (;;) {
    const load = await machineLoad(3000);
    if (load < QUIET_LOAD) return;
    if (Date.now() > deadline) return progress(`the machine is still ${Math.round(load * 100)}% busy; measuring anyway`);
    progress(`the machine is ${Math.round(load * 100)}% busy; waiting`);
  }
}
