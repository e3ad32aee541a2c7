// `npm run bench:peers [-- --stories 1000,10000]`: for each N, one corpus (bench/corpus.ts) built by
// Gazette, Hugo and Eleventy in turn, each build a process of its own timed by GNU time; the rows go
// to bench/history.jsonl, bench/LATEST.md is made again, and the run's table is printed.
// A generator that is missing or fails is a row saying why, never a crash.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { generateCorpus } from './corpus.js';
import { publishStory } from './edits.js';
import { formatMs } from './format.js';
import { appendHistory, type HistoryRow, historyRow, type Run } from './history.js';
import { renderRun, writeLatest } from './latest.js';
import { errorText, measure } from './measure.js';
import { setUpEleventy } from './peers/eleventy.js';
import { setUpGazette } from './peers/gazette.js';
import { type Generator, readSiteSettings, type SiteSettings } from './peers/generator.js';
import { setUpHugo } from './peers/hugo.js';
import { checkOutput, countOutput, describeOutput, type OutputCount } from './peers/output.js';
import { PEER_SCENARIO_LABELS, type PeerRow, type PeerScenario, peerScenarioLabel } from './peers/scenarios.js';
import { missingTimer, type TimedRun, timeCommand } from './peers/timed-command.js';
import { describeRun } from './provenance.js';
import { parseCounts, progress, waitForQuietMachine } from './runner.js';

const DEFAULT_STORIES = [1_000, 10_000];
const SEED = 1;
const REPEATS = 3;
/** A scenario whose first run is longer than this runs once: its median would take minutes and tell little more. */
const LONG_RUN_MS = 20_000;
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));

type SetUp = (corpus: string, folder: string, settings: SiteSettings) => Promise<Generator>;

const GENERATORS: [string, SetUp][] = [
  ['Gazette', (corpus) => setUpGazette(corpus)],
  ['Hugo', setUpHugo],
  ['Eleventy', setUpEleventy],
];

interface CountedRun extends TimedRun {
  count: OutputCount;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stories: { type: 'string' } } });
  const counts = values.stories ? parseCounts(values.stories) : DEFAULT_STORIES;
  const timer = await missingTimer();
  if (timer) throw new Error(`bench:peers times every build with GNU time: ${timer}`);
  progress('compiling Gazette (npm run compile)');
  execFileSync('npm', ['run', 'compile', '--silent'], { cwd: REPOSITORY, stdio: 'inherit' });
  const run = describeRun('bench:peers', 'bench/peers.ts');
  const recorded: HistoryRow[] = [];
  for (const stories of counts) {
    const rows = (await benchmarkCorpus(stories)).map((row) => record(row, run));
    await appendHistory(rows);
    await writeLatest();
    recorded.push(...rows);
  }
  console.log(renderRun(recorded));
  progress(`${recorded.length} row${recorded.length === 1 ? '' : 's'} appended to bench/history.jsonl; bench/LATEST.md made again`);
}

function record(row: PeerRow, run: Run): HistoryRow {
  return historyRow(row, run, 'bench:peers', peerScenarioLabel(row.scenario), { name: row.generator, version: row.version });
}

async function benchmarkCorpus(stories: number): Promise<PeerRow[]> {
  const rows: PeerRow[] = [];
  const folder = await mkdtemp(path.join(os.tmpdir(), `gazette-peers-${stories}-`));
  try {
    const corpus = path.join(folder, 'gazette');
    progress(`${stories} stories: writing the corpus into ${corpus}`);
    const generated = await measure(() => generateCorpus(corpus, { stories, seed: SEED }));
    progress(
      `${stories} stories: ${generated.result.words.toLocaleString('en-US')} words, ${(generated.result.bytes / 1e6).toFixed(1)} MB of Markdown, written in ${formatMs(generated.wallMs)}`,
    );
    const settings = await readSiteSettings(corpus);
    // Every project is set up before any builds: the new stories Gazette's runs add to the corpus
    // must not reach the peers' copies.
    const generators: Generator[] = [];
    for (const [name, setUp] of GENERATORS) {
      progress(`${stories} stories: setting up ${name}`);
      try {
        generators.push(await setUp(corpus, path.join(folder, name.toLowerCase()), settings));
      } catch (error) {
        progress(`  ${name}: ${errorText(error)}`);
        const scenarios: PeerScenario[] = name === 'Gazette' ? ['cold', 'cache-build', 'new-story'] : ['cold', 'new-story'];
        rows.push(...scenarios.map((scenario) => ({ stories, generator: name, scenario, note: '', error: errorText(error) })));
      }
    }
    for (const generator of generators) rows.push(...(await measureGenerator(generator, stories, settings)));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

async function measureGenerator(generator: Generator, stories: number, settings: SiteSettings): Promise<PeerRow[]> {
  const measureScenario = (scenario: PeerScenario, prepare: (run: number) => Promise<{ argv: string[]; stories: number }>) =>
    measureRuns(generator, scenario, stories, settings.feedSize, prepare);
  const rows = [
    await measureScenario('cold', async () => {
      await generator.clean();
      return { argv: generator.coldBuild, stories };
    }),
  ];
  const { cacheBuild } = generator;
  if (cacheBuild) {
    rows.push(
      await measureScenario('cache-build', async () => {
        await generator.clean();
        return { argv: cacheBuild, stories };
      }),
    );
  }
  rows.push(
    await measureScenario('new-story', async (run) => {
      await publishStory(generator.root, run);
      return { argv: generator.rebuild, stories: stories + run };
    }),
  );
  return rows;
}

/** Run a scenario up to REPEATS times, checking the output of each run; the row is the median run. */
async function measureRuns(
  generator: Generator,
  scenario: PeerScenario,
  stories: number,
  feedSize: number,
  prepare: (run: number) => Promise<{ argv: string[]; stories: number }>,
): Promise<PeerRow> {
  try {
    const runs: CountedRun[] = [];
    for (let index = 1; index <= REPEATS; index++) {
      const build = await prepare(index);
      // The previous build's files still being written to disk would slow this one down.
      await promisify(execFile)('sync');
      await waitForQuietMachine();
      const timed = await timeCommand(build.argv, generator.root);
      const count = await countOutput(generator.output, generator.feed);
      const problem = checkOutput(count, build.stories, feedSize);
      if (problem) throw new Error(`the output is not what was asked for: ${problem}`);
      progress(`${stories} stories: ${generator.name}, ${PEER_SCENARIO_LABELS[scenario]}: ${formatMs(timed.wallMs)}`);
      runs.push({ ...timed, count });
      if (index === 1 && timed.wallMs > LONG_RUN_MS) break;
    }
    const typical = [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1] as CountedRun;
    // Gazette says how many files it wrote: "(N files, M written)".
    const written = /\(\d+ files, (\d+) written\)/.exec(typical.output);
    const note = [describeOutput(typical.count), runs.length > 1 && `runs: ${runs.map((run) => formatMs(run.wallMs)).join(', ')}`];
    return {
      stories,
      generator: generator.name,
      version: generator.version,
      scenario,
      wallMs: typical.wallMs,
      cpuMs: typical.cpuMs,
      peakRssMb: typical.peakRssMb,
      otherLoad: typical.otherLoad,
      pages: typical.count.pages,
      files: typical.count.files,
      written: written ? Number(written[1]) : undefined,
      note: note.filter(Boolean).join('; '),
    };
  } catch (error) {
    progress(`${stories} stories: ${generator.name}, ${scenario}: failed: ${errorText(error)}`);
    return { stories, generator: generator.name, scenario, note: '', error: errorText(error) };
  }
}

await main();
