// `npm run bench [-- --stories 1000,10000] [--huge] [--only published,incremental] [--repeats 3] [--out file.md]`:
// for each N, generate a corpus in a temporary folder, run each kind of scenario (or those named) on
// it in a child process, append its rows to bench/history.jsonl and make bench/LATEST.md again; the
// run's table is printed (and written to --out). A scenario that fails is a row saying why, never a crash.
// `npm run bench -- --pathological [--sizes 1,4,16] [--budget 10]` measures the render time of
// pathological Markdown instead (see pathological-bench.ts).

import { execFileSync, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STORY_SECONDS } from '../src/config-settings.js';
import { generateCorpus } from './corpus.js';
import { formatMs } from './format.js';
import { appendHistory, type HistoryRow, historyRow, type Run } from './history.js';
import { renderRun, writeLatest } from './latest.js';
import { errorText, measure, type Row } from './measure.js';
import { benchPathological, PATHOLOGICAL_SIZES_KIB } from './pathological-bench.js';
import { describeRun } from './provenance.js';
import { parseCounts, progress, waitForQuietMachine } from './runner.js';
import { SCENARIOS, type ScenarioMessage, scenarioLabel } from './scenarios.js';

const DEFAULT_STORIES = [1_000, 10_000];
const HUGE_STORIES = 100_000;
const SEED = 1;
/** How long a kind of scenario may run: half an hour per 10,000 stories, at least an hour (generous: a timeout is for a build that hangs). */
const scenarioTimeoutMs = (stories: number): number => Math.max(1, Math.ceil(stories / 10_000) * 0.5) * 60 * 60_000;
const SCENARIO_PROCESS = fileURLToPath(new URL('./scenario-process.ts', import.meta.url));

type Scenario = (typeof SCENARIOS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stories: { type: 'string' },
      huge: { type: 'boolean', default: false },
      only: { type: 'string' },
      repeats: { type: 'string', default: '3' },
      out: { type: 'string' },
      pathological: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      budget: { type: 'string' },
    },
  });
  if (values.pathological) {
    const sizesKib = values.sizes ? values.sizes.split(',').map(Number) : PATHOLOGICAL_SIZES_KIB;
    if (sizesKib.some((kib) => !(kib > 0))) throw new Error(`--sizes takes sizes in KiB separated by commas, e.g. 1,16,256; got "${values.sizes}"`);
    const budgetSeconds = Number(values.budget ?? STORY_SECONDS);
    if (!(budgetSeconds > 0)) throw new Error(`--budget takes a number of seconds; got "${values.budget}"`);
    return benchPathological({ sizesKib, budgetSeconds, out: values.out, command: describeRun('bench', 'bench/run.ts').command });
  }
  const kinds = values.only ? parseKinds(values.only) : SCENARIOS;
  const repeats = parseRepeats(values.repeats);
  const counts = [...(values.stories ? parseCounts(values.stories) : DEFAULT_STORIES), ...(values.huge ? [HUGE_STORIES] : [])];
  // The `gazette build` rows run the compiled CLI, as an editor does.
  progress('compiling Gazette (npm run compile)');
  execFileSync('npm', ['run', 'compile', '--silent'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
  const run = describeRun('bench', 'bench/run.ts');
  const recorded: HistoryRow[] = [];
  for (const stories of counts) {
    const rows = (await benchmarkCorpus(stories, kinds, repeats)).map((row) => record(row, run));
    // Each corpus's rows are kept as soon as they are measured: a later corpus may take hours.
    await appendHistory(rows);
    await writeLatest();
    recorded.push(...rows);
    if (values.out) await writeFile(path.resolve(values.out), renderRun(recorded));
  }
  console.log(renderRun(recorded));
  progress(`${recorded.length} row${recorded.length === 1 ? '' : 's'} appended to bench/history.jsonl; bench/LATEST.md made again`);
}

function record(row: Row, run: Run): HistoryRow {
  return historyRow(row, run, 'bench', scenarioLabel(row.scenario));
}

async function benchmarkCorpus(stories: number, kinds: readonly Scenario[], repeats: number): Promise<Row[]> {
  const folder = await mkdtemp(path.join(os.tmpdir(), `gazette-bench-${stories}-`));
  const rows: Row[] = [];
  try {
    progress(`${stories} stories: writing the corpus into ${folder}`);
    const generated = await measure(() => generateCorpus(folder, { stories, seed: SEED }));
    progress(
      `${stories} stories: ${generated.result.words.toLocaleString('en-US')} words, ${(generated.result.bytes / 1e6).toFixed(1)} MB of Markdown, written in ${formatMs(generated.wallMs)}`,
    );
    for (const scenario of kinds) {
      await waitForQuietMachine();
      progress(`${stories} stories: ${scenario.kind}`);
      const measured = await runScenario(scenario, folder, stories, repeats);
      for (const row of measured) progress(`  ${scenarioLabel(row.scenario)}: ${row.error ? `failed: ${row.error}` : formatMs(row.wallMs)}`);
      rows.push(...measured);
    }
  } catch (error) {
    const failed = new Set(rows.map((row) => row.scenario));
    for (const name of kinds.flatMap((scenario) => scenario.rows).filter((name) => !failed.has(name))) {
      rows.push({ stories, scenario: name, note: '', error: `the corpus could not be written: ${errorText(error)}` });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

/** Run one kind of scenario in a child process; rows it never sent say why. */
function runScenario(scenario: Scenario, folder: string, stories: number, repeats: number): Promise<Row[]> {
  return new Promise((resolve) => {
    const received: Row[] = [];
    const timeoutMs = scenarioTimeoutMs(stories);
    let failure: string | undefined;
    const child = fork(SCENARIO_PROCESS, [scenario.kind, folder, String(stories), String(repeats)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      failure = `timed out after ${timeoutMs / 60_000} minutes`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message: ScenarioMessage) => {
      if ('row' in message) received.push(message.row);
      else failure = message.failure;
    });
    child.on('error', (error) => {
      failure = errorText(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const why = failure ?? `the scenario process ended (${signal ?? `exit code ${code}`}) before reporting`;
      resolve(scenario.rows.map((name) => received.find((row) => row.scenario === name) ?? { stories, scenario: name, note: '', error: why }));
    });
  });
}

function parseKinds(text: string): Scenario[] {
  const names = text.split(',').map((part) => part.trim());
  const unknown = names.filter((name) => !SCENARIOS.some((scenario) => scenario.kind === name));
  if (unknown.length > 0)
    throw new Error(`--only takes kinds of scenario: ${SCENARIOS.map((scenario) => scenario.kind).join(', ')}; got "${unknown.join(', ')}"`);
  return SCENARIOS.filter((scenario) => names.includes(scenario.kind));
}

/** How many times each change of the publish and warm-builder rows is made (the row is the median run). */
function parseRepeats(text: string | undefined): number {
  const repeats = Number(text);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats takes a whole number of 1 or more; got "${text}"`);
  return repeats;
}

await main();
