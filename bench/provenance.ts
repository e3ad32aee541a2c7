// Where a benchmark run measured: the date it started, Gazette's commit (and whether the working tree
// had uncommitted changes), the machine, and the command line, as every history row records them.

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Machine, Run, Runner } from './history.js';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
/** What the runs themselves write: a tree is not dirty for them. */
const WRITTEN_BY_RUNS = ['bench/history.jsonl', 'bench/LATEST.md'];

export function describeRun(runner: Runner, script: string): Run {
  return { date: isoDate(new Date()), ...gazetteCommit(), machine: describeMachine(), command: commandLine(runner, script) };
}

/** `2026-12-02T04:54:12Z`: the history's dates are to the second. */
export function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

export function machineText(machine: Machine): string {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB memory, Node ${machine.node}, ${machine.os}`;
}

function gazetteCommit(): { commit: string; dirty: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPOSITORY, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changes = git('status', '--porcelain', '--', '.', ...WRITTEN_BY_RUNS.map((file) => `:(exclude)${file}`));
    return { commit: git('rev-parse', '--short', 'HEAD'), dirty: changes.length > 0 };
  } catch {
    return { commit: 'outside a git checkout', dirty: false };
  }
}

/** The command as it was typed: `npm run bench -- --stories 1000`, or the script run by node. */
function commandLine(runner: Runner, script: string): string {
  const args = process.argv.slice(2).join(' ');
  if (process.env.npm_lifecycle_event === runner) return args ? `npm run ${runner} -- ${args}` : `npm run ${runner}`;
  return `node --import tsx ${script}${args ? ` ${args}` : ''}`;
}
