// `npm run bench:peers [-- --stories 1000,10000]`: for each N, one corpus (bench/corpus.ts) built by
// Gazette, Hugo and Eleventy in turn, each build a process of its own timed by GNU time; the table,
// each peer's time as a multiple of Gazette's, is written to bench/peers.md (printed too).
// A generator that is missing or fails is a row saying why, never a crash.

import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { generateCorpus } from './corpus.js';
import { publishStory } from './edits.js';
import { errorText, measure } from './measure.js';
import { setUpEleventy } from './peers/eleventy.js';
import { setUpGazette } from './peers/gazette.js';
import { readSiteSettings, type Generator, type SiteSettings } from './peers/generator.js';
import { setUpHugo } from './peers/hugo.js';
import { checkOutput, countOutput, describeOutput, type OutputCount } from './peers/output.js';
import { renderPeers, SCENARIOS, type PeerResults, type PeerRow } from './peers/report.js';
import { missingTimer, timeCommand, type TimedRun } from './peers/timed-command.js';
import { describeMachine, formatMs } from './report.js';
import { parseCounts, progress, waitForQuietMachine } from './runner.js';

const DEFAULT_STORIES = [1_000, 10_000];
const SEED = 1;
const REPEATS = 3;
/** A scenario whose first run is longer than this runs once: its median would take minutes and tell little more. */
const LONG_RUN_MS = 20_000;
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('./peers.md', import.meta.url));

type SetUp = (corpus: string, folder: string, settings: SiteSettings) => Promise<Generator>;

const GENERATORS: [string, SetUp][] = [
  ['Gazette', (corpus) => setUpGazette(corpus)],
  ['Hugo', setUpHugo],
  ['Eleventy', setUpEleventy],
];

interface Run extends TimedRun {
  count: OutputCount;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stories: { type: 'string' } } });
  const counts = values.stories ? parseCounts(values.stories) : DEFAULT_STORIES;
  const timer = await missingTimer();
  if (timer) throw new Error(`bench:peers times every build with GNU time: ${timer}`);
  progress('compiling Gazette (npm run compile)');
  execFileSync('npm', ['run', 'compile', '--silent'], { cwd: REPOSITORY, stdio: 'inherit' });
  const results: PeerResults = {
    command: commandLine(),
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    machine: describeMachine(),
    versions: [],
    corpora: [],
    rows: [],
  };
  for (const stories of counts) {
    await benchmarkCorpus(stories, results);
    await writeFile(RESULTS_FILE, renderPeers(results));
  }
  console.log(renderPeers(results));
  progress(`written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

async function benchmarkCorpus(stories: number, results: PeerResults): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), `gazette-peers-${stories}-`));
  try {
    const corpus = path.join(folder, 'gazette');
    progress(`${stories} stories: writing the corpus into ${corpus}`);
    const generated = await measure(() => generateCorpus(corpus, { stories, seed: SEED }));
    results.corpora.push({ stories, words: generated.result.words, bytes: generated.result.bytes, generatedMs: generated.wallMs });
    const settings = await readSiteSettings(corpus);
    // Every project is set up before any builds: the new stories Gazette's runs add to the corpus
    // must not reach the peers' copies.
    const generators: Generator[] = [];
    for (const [name, setUp] of GENERATORS) {
      progress(`${stories} stories: setting up ${name}`);
      try {
        const generator = await setUp(corpus, path.join(folder, name.toLowerCase()), settings);
        if (!results.versions.includes(generator.version)) results.versions.push(generator.version);
        generators.push(generator);
      } catch (error) {
        progress(`  ${name}: ${errorText(error)}`);
        const scenarios = name === 'Gazette' ? Object.values(SCENARIOS) : [SCENARIOS.cold, SCENARIOS.newStory];
        results.rows.push(...scenarios.map((scenario) => ({ stories, generator: name, scenario, note: '', error: errorText(error) })));
      }
    }
    for (const generator of generators) results.rows.push(...(await measureGenerator(generator, stories, settings)));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function measureGenerator(generator: Generator, stories: number, settings: SiteSettings): Promise<PeerRow[]> {
  const measureScenario = (scenario: string, prepare: (run: number) => Promise<{ argv: string[]; stories: number }>) =>
    measureRuns(generator, scenario, stories, settings.feedSize, prepare);
  const rows = [
    await measureScenario(SCENARIOS.cold, async () => {
      await generator.clean();
      return { argv: generator.coldBuild, stories };
    }),
  ];
  const { cacheBuild } = generator;
  if (cacheBuild) {
    rows.push(await measureScenario(SCENARIOS.cacheBuild, async () => {
      await generator.clean();
      return { argv: cacheBuild, stories };
    }));
  }
  rows.push(await measureScenario(SCENARIOS.newStory, async (run) => {
    await publishStory(generator.root, run);
    return { argv: generator.rebuild, stories: stories + run };
  }));
  return rows;
}

/** Run a scenario up to REPEATS times, checking the output of each run; the row is the median run. */
async function measureRuns(
  generator: Generator,
  scenario: string,
  stories: number,
  feedSize: number,
  prepare: (run: number) => Promise<{ argv: string[]; stories: number }>,
): Promise<PeerRow> {
  try {
    const runs: Run[] = [];
    for (let index = 1; index <= REPEATS; index++) {
      const build = await prepare(index);
      // The previous build's files still being written to disk would slow this one down.
      await promisify(execFile)('sync');
      await waitForQuietMachine();
      const timed = await timeCommand(build.argv, generator.root);
      const count = await countOutput(generator.output, generator.feed);
      const problem = checkOutput(count, build.stories, feedSize);
      if (problem) throw new Error(`the output is not what was asked for: ${problem}`);
      progress(`${stories} stories: ${generator.name}, ${scenario}: ${formatMs(timed.wallMs)}`);
      runs.push({ ...timed, count });
      if (index === 1 && timed.wallMs > LONG_RUN_MS) break;
    }
    const typical = [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1] as Run;
    const written = /\((\d+) files, (\d+) written\)/.exec(typical.output);
    const note = [
      describeOutput(typical.count),
      written && `${written[2]} of ${written[1]} files written, by Gazette's count`,
      runs.length > 1 && `runs: ${runs.map((run) => formatMs(run.wallMs)).join(', ')}`,
    ];
    return {
      stories,
      generator: generator.name,
      scenario,
      wallMs: typical.wallMs,
      cpuMs: typical.cpuMs,
      peakRssMb: typical.peakRssMb,
      otherLoad: typical.otherLoad,
      count: typical.count,
      note: note.filter(Boolean).join('; '),
    };
  } catch (error) {
    progress(`${stories} stories: ${generator.name}, ${scenario}: failed: ${errorText(error)}`);
    return { stories, generator: generator.name, scenario, note: '', error: errorText(error) };
  }
}

function commandLine(): string {
  const args = process.argv.slice(2).join(' ');
  if (process.env.npm_lifecycle_event === 'bench:peers') return args ? `npm run bench:peers -- ${args}` : 'npm run bench:peers';
  return `node --import tsx bench/peers.ts${args ? ` ${args}` : ''}`;
}

await main();
