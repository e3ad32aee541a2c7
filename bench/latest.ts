// bench/LATEST.md, made from the history: the targets judged on the latest figures, then for each N
// the latest row of every scenario (peers beside Gazette), with the date, commit and machine of each.

import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { formatCount, formatMb, formatMs, formatRatio, formatShare, markdownTable } from './format.js';
import { HISTORY_FILE, type HistoryRow, type Runner, readHistory } from './history.js';
import { GENERATOR_ORDER, PEER_SCENARIO_LABELS } from './peers/scenarios.js';
import { machineText } from './provenance.js';
import { SCENARIO_LABELS } from './scenarios.js';
import { judgeTargets, type LatestRows } from './targets.js';

export const LATEST_FILE = fileURLToPath(new URL('./LATEST.md', import.meta.url));

export async function writeLatest(history = HISTORY_FILE, latest = LATEST_FILE): Promise<void> {
  await writeFile(latest, renderLatest(await readHistory(history)));
}

export function renderLatest(history: readonly HistoryRow[]): string {
  return [
    '# Latest benchmark figures',
    '',
    'Made by `npm run bench:report` from `bench/history.jsonl` (every run of `npm run bench` and `npm run bench:peers` makes it again): do not edit. How each scenario is measured: `bench/README.md`.',
    '',
    'Each row is the latest of its scenario and N, so rows of different runs, commits and machines sit side by side: compare figures of one run (the history has them all), or CPU times.',
    '',
    ...renderFigures(latestRows(history), 'every target'),
  ].join('\n');
}

/** One run's rows, as a runner prints them when it is done: only the targets the run measured. */
export function renderRun(rows: readonly HistoryRow[]): string {
  const first = rows[0];
  if (first === undefined) return 'No scenario was measured.\n';
  return [
    `# \`${first.command}\``,
    '',
    `Run on ${shortDate(first.date)} UTC at commit ${commitText(first)}; machine: ${machineText(first.machine)}.`,
    '',
    ...renderFigures(rows, 'targets measured'),
  ].join('\n');
}

function renderFigures(rows: readonly HistoryRow[], targets: 'every target' | 'targets measured'): string[] {
  const machines = machineLetters(rows);
  return [
    ...targetsSection(rows, targets, machines),
    ...runnerSections(rows, 'bench', machines),
    ...runnerSections(rows, 'bench:peers', machines),
    ...(machines.size === 0 ? [] : ['## Machines', '', ...[...machines].map(([text, letter]) => `- **${letter}**: ${text}`), '']),
  ];
}

/** For each runner, N, scenario and generator, the row of the latest run (the later line of two of one date). */
function latestRows(history: readonly HistoryRow[]): HistoryRow[] {
  const latest = new Map<string, HistoryRow>();
  for (const row of history) {
    const key = rowKey(row.runner, row.stories, row.scenario, row.generator);
    const known = latest.get(key);
    if (known === undefined || row.date >= known.date) latest.set(key, row);
  }
  return [...latest.values()];
}

function rowKey(runner: Runner, stories: number, scenario: string, generator: string | undefined): string {
  return JSON.stringify([runner, stories, scenario, generator ?? null]);
}

function lookup(rows: readonly HistoryRow[]): LatestRows {
  const byKey = new Map(rows.map((row) => [rowKey(row.runner, row.stories, row.scenario, row.generator), row]));
  return {
    find: (runner, stories, scenario, generator) => byKey.get(rowKey(runner, stories, scenario, generator)),
    sameRun: (row, generator) => {
      const other = byKey.get(rowKey(row.runner, row.stories, row.scenario, generator));
      return other !== undefined && sameRun(other, row) ? other : undefined;
    },
  };
}

function sameRun(a: HistoryRow, b: HistoryRow): boolean {
  return a.date === b.date && a.command === b.command;
}

function targetsSection(rows: readonly HistoryRow[], which: 'every target' | 'targets measured', machines: Map<string, string>): string[] {
  const judged = judgeTargets(lookup(rows)).filter((judgement) => which === 'every target' || judgement.rows.length > 0);
  if (judged.length === 0) return [];
  const table = markdownTable(
    ['N', 'target', 'latest', 'verdict', 'measured on'],
    'rlrll',
    judged.map((judgement) => [
      formatCount(judgement.stories),
      judgement.goal,
      judgement.measured,
      judgement.by ? `${judgement.verdict}: ${judgement.by}` : judgement.verdict,
      judgement.rows[0] ? `${provenance(judgement.rows[0], machines)}` : '',
    ]),
  );
  return ['## Targets', '', 'The current targets (issue 27), judged on the latest row of each scenario.', '', table, ''];
}

function runnerSections(rows: readonly HistoryRow[], runner: Runner, machines: Map<string, string>): string[] {
  const own = rows.filter((row) => row.runner === runner);
  const counts = [...new Set(own.map((row) => row.stories))].sort((a, b) => a - b);
  if (counts.length === 0) return [];
  return [
    `## \`npm run ${runner}\``,
    '',
    ...counts.flatMap((stories) => [
      `### ${formatCount(stories)} stories`,
      '',
      runner === 'bench'
        ? benchTable(sorted(own.filter((row) => row.stories === stories)), machines)
        : peersTable(sorted(own.filter((row) => row.stories === stories)), machines),
      '',
    ]),
  ];
}

function benchTable(rows: readonly HistoryRow[], machines: Map<string, string>): string {
  return markdownTable(
    ['scenario', 'wall', 'CPU', 'peak RSS', 'stories/s', 'other load', 'pages', 'files (written)', 'date, commit, machine', 'notes'],
    'lrrrrrrrll',
    rows.map((row) => [
      row.label,
      formatMs(row.wallMs),
      formatMs(row.cpuMs),
      formatMb(row.peakRssMb),
      formatCount(row.storiesPerSecond === undefined ? undefined : Math.round(row.storiesPerSecond)),
      formatShare(row.otherLoad),
      formatCount(row.pages),
      filesText(row),
      provenance(row, machines),
      notes(row),
    ]),
  );
}

function peersTable(rows: readonly HistoryRow[], machines: Map<string, string>): string {
  return markdownTable(
    ['scenario', 'generator', 'wall', 'CPU', 'peak RSS', 'other load', 'pages', 'files (written)', '× Gazette', 'date, commit, machine', 'notes'],
    'llrrrrrrrll',
    rows.map((row) => [
      row.label,
      row.generator ?? '',
      formatMs(row.wallMs),
      formatMs(row.cpuMs),
      formatMb(row.peakRssMb),
      formatShare(row.otherLoad),
      formatCount(row.pages),
      filesText(row),
      timesGazette(row, rows),
      provenance(row, machines),
      notes(row),
    ]),
  );
}

/** A peer's wall time as a multiple of Gazette's in the same run: above 1, slower than Gazette. */
function timesGazette(row: HistoryRow, rows: readonly HistoryRow[]): string {
  if (row.generator === 'Gazette' || row.wallMs === undefined) return '';
  const gazette = rows.find((other) => other.generator === 'Gazette' && other.scenario === row.scenario && sameRun(other, row));
  return gazette?.wallMs === undefined ? '' : formatRatio(row.wallMs / gazette.wallMs);
}

/** Scenarios in the order they run, the ones no longer run after them; generators in their order. */
function sorted(rows: readonly HistoryRow[]): HistoryRow[] {
  const scenarios: readonly string[] = [...Object.keys(SCENARIO_LABELS), ...Object.keys(PEER_SCENARIO_LABELS)];
  const rank = (order: readonly string[], name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...rows].sort(
    (a, b) =>
      rank(scenarios, a.scenario) - rank(scenarios, b.scenario) ||
      compare(a.scenario, b.scenario) ||
      rank(GENERATOR_ORDER, a.generator ?? '') - rank(GENERATOR_ORDER, b.generator ?? '') ||
      compare(a.generator ?? '', b.generator ?? ''),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function filesText(row: HistoryRow): string {
  if (row.files === undefined) return row.written === undefined ? '' : `(${formatCount(row.written)})`;
  return row.written === undefined ? formatCount(row.files) : `${formatCount(row.files)} (${formatCount(row.written)})`;
}

function notes(row: HistoryRow): string {
  const said = row.error === undefined ? row.note : `**failed**: ${row.error}`;
  return [said, row.importedFrom && `imported from ${row.importedFrom}`].filter(Boolean).join('; ');
}

function provenance(row: HistoryRow, machines: Map<string, string>): string {
  return `${shortDate(row.date)}, ${commitText(row)}, ${machines.get(machineText(row.machine)) ?? ''}`;
}

function commitText(row: HistoryRow): string {
  return row.dirty ? `${row.commit} (uncommitted changes)` : row.commit;
}

/** `2026-12-03 16:28`: the minute is enough to tell runs apart in a table. */
function shortDate(date: string): string {
  return date.slice(0, 16).replace('T', ' ');
}

/** A letter for each machine the rows were measured on, in the order of their earliest run. */
function machineLetters(rows: readonly HistoryRow[]): Map<string, string> {
  const letters = new Map<string, string>();
  for (const row of [...rows].sort((a, b) => compare(a.date, b.date))) {
    const text = machineText(row.machine);
    if (!letters.has(text)) letters.set(text, String.fromCharCode(65 + letters.size));
  }
  return letters;
}
