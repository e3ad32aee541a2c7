// The benchmarks' record: bench/history.jsonl holds one JSON line per scenario measured by every run
// of `npm run bench` and `npm run bench:peers`, appended as each corpus is done and never rewritten.

import { appendFile, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Row } from './measure.js';

export const HISTORY_FILE = fileURLToPath(new URL('./history.jsonl', import.meta.url));

export interface Machine {
  /** The CPU's model name, as `os.cpus()` gives it. */
  cpu: string;
  cores: number;
  memoryGb: number;
  /** `process.version`: `v20.20.2`. */
  node: string;
  /** `os.type()` and `os.release()`: `Linux 6.18.44`. */
  os: string;
}

/** What every row of one run shares: when it started, which Gazette, on which machine, by which command. */
export interface Run {
  /** ISO 8601 in UTC, to the second: `2026-12-02T04:54:00Z`. */
  date: string;
  /** Gazette's commit, short. */
  commit: string;
  /** The working tree had uncommitted changes (bench/history.jsonl and bench/LATEST.md aside). */
  dirty: boolean;
  machine: Machine;
  command: string;
}

export type Runner = 'bench' | 'bench:peers';

export interface HistoryRow extends Run {
  /** Which npm script measured it. */
  runner: Runner;
  /** N, the stories in the corpus. */
  stories: number;
  /** The scenario's stable id (bench/scenarios.ts, bench/peers/scenarios.ts) and its label. */
  scenario: string;
  label: string;
  /** bench:peers only: the generator that built, and its name and version. */
  generator?: string;
  version?: string;
  wallMs?: number;
  cpuMs?: number;
  peakRssMb?: number;
  /** Stories per second of wall time, for scenarios that go through every story. */
  storiesPerSecond?: number;
  /** Share (0 to 1) of the machine's CPU capacity used by other processes meanwhile. */
  otherLoad?: number;
  pages?: number;
  files?: number;
  written?: number;
  note: string;
  /** Why the scenario has no figures. */
  error?: string;
  /** A row converted from a Markdown result file of the time (its figures rounded as the file printed them). */
  importedFrom?: string;
}

type Kind = 'string' | 'number' | 'boolean' | 'machine';

/** Every field in the order a line lists it, and whether a row must have it. */
const FIELDS: [keyof HistoryRow, Kind, 'required' | 'optional'][] = [
  ['date', 'string', 'required'],
  ['commit', 'string', 'required'],
  ['dirty', 'boolean', 'required'],
  ['machine', 'machine', 'required'],
  ['command', 'string', 'required'],
  ['runner', 'string', 'required'],
  ['stories', 'number', 'required'],
  ['scenario', 'string', 'required'],
  ['label', 'string', 'required'],
  ['generator', 'string', 'optional'],
  ['version', 'string', 'optional'],
  ['wallMs', 'number', 'optional'],
  ['cpuMs', 'number', 'optional'],
  ['peakRssMb', 'number', 'optional'],
  ['storiesPerSecond', 'number', 'optional'],
  ['otherLoad', 'number', 'optional'],
  ['pages', 'number', 'optional'],
  ['files', 'number', 'optional'],
  ['written', 'number', 'optional'],
  ['note', 'string', 'required'],
  ['error', 'string', 'optional'],
  ['importedFrom', 'string', 'optional'],
];

const MACHINE_FIELDS: [keyof Machine, 'string' | 'number'][] = [
  ['cpu', 'string'],
  ['cores', 'number'],
  ['memoryGb', 'number'],
  ['node', 'string'],
  ['os', 'string'],
];
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const RUNNERS: readonly string[] = ['bench', 'bench:peers'] satisfies Runner[];

/** A measured row as the history records it, its figures rounded to what a measure can tell. */
export function historyRow(row: Row, run: Run, runner: Runner, label: string, generator?: { name: string; version?: string }): HistoryRow {
  const round = (value: number | undefined, digits: number) => (value === undefined ? undefined : Number(value.toFixed(digits)));
  const measured = row.error === undefined;
  return {
    ...run,
    runner,
    stories: row.stories,
    scenario: row.scenario,
    label,
    generator: generator?.name,
    version: generator?.version,
    wallMs: measured ? round(row.wallMs, 1) : undefined,
    cpuMs: measured ? round(row.cpuMs, 1) : undefined,
    peakRssMb: measured ? round(row.peakRssMb, 1) : undefined,
    storiesPerSecond: measured ? round(row.storiesPerSecond, 1) : undefined,
    otherLoad: measured ? round(row.otherLoad, 3) : undefined,
    pages: measured ? row.pages : undefined,
    files: measured ? row.files : undefined,
    written: measured ? row.written : undefined,
    note: row.note,
    error: row.error,
  };
}

/** A row as one line of the history, its fields always in the same order. */
export function historyLine(row: HistoryRow): string {
  const ordered: Record<string, unknown> = {};
  for (const [field] of FIELDS) {
    if (row[field] === undefined) continue;
    ordered[field] = field === 'machine' ? Object.fromEntries(MACHINE_FIELDS.map(([key]) => [key, row.machine[key]])) : row[field];
  }
  return JSON.stringify(ordered);
}

/** The rows of a history file's text; a line that is not a row is an error naming it. */
export function parseHistory(text: string, file: string): HistoryRow[] {
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not JSON: ${(error as Error).message}`, { cause: error });
    }
    return [checkRow(value, where)];
  });
}

function checkRow(value: unknown, where: string): HistoryRow {
  if (!isObject(value)) throw new Error(`${where}: expected an object`);
  for (const [field, kind, presence] of FIELDS) {
    const found = value[field];
    if (found === undefined && presence === 'optional') continue;
    if (kind === 'machine') checkMachine(found, `${where}: machine`);
    else if (typeof found !== kind || (kind === 'number' && !Number.isFinite(found)))
      throw new Error(`${where}: ${field} should be a ${kind}, found ${JSON.stringify(found)}`);
  }
  const unknown = Object.keys(value).filter((key) => !FIELDS.some(([field]) => field === key));
  if (unknown.length > 0) throw new Error(`${where}: unknown field ${unknown.join(', ')}`);
  if (!DATE.test(value.date as string)) throw new Error(`${where}: date should be like 2026-12-02T04:54:00Z, found ${JSON.stringify(value.date)}`);
  if (!RUNNERS.includes(value.runner as string))
    throw new Error(`${where}: runner should be one of ${RUNNERS.join(', ')}, found ${JSON.stringify(value.runner)}`);
  return value as unknown as HistoryRow;
}

function checkMachine(value: unknown, where: string): void {
  if (!isObject(value)) throw new Error(`${where} should be an object`);
  for (const [field, kind] of MACHINE_FIELDS) {
    if (typeof value[field] !== kind) throw new Error(`${where}.${field} should be a ${kind}, found ${JSON.stringify(value[field])}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function readHistory(file = HISTORY_FILE): Promise<HistoryRow[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  return parseHistory(text, file);
}

export async function appendHistory(rows: readonly HistoryRow[], file = HISTORY_FILE): Promise<void> {
  if (rows.length > 0) await appendFile(file, rows.map((row) => `${historyLine(row)}\n`).join(''));
}
