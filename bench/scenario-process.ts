// A child process of bench/run.ts: runs one kind of scenario on a corpus and sends its rows back
// over IPC, so that each kind's peak memory and CPU time are its own.
// Usage (by run.ts): node --import tsx bench/scenario-process.ts <kind> <corpus folder> <stories> <repeats>

import { availableParallelism } from 'node:os';
import { loadConfig } from '../src/config.js';
import { boundHeapGrowth } from '../src/incremental/heap.js';
import { build } from '../src/incremental/publish.js';
import { CORPUS_NOW } from './corpus.js';
import { measureDevLoop } from './dev-loop.js';
import { measureIncremental } from './incremental.js';
import { measureMarkdownStage } from './markdown-floor.js';
import { errorText, measure, measuredRow, type Row } from './measure.js';
import { measurePublished } from './published.js';
import { ROWS, SCENARIOS, type ScenarioKind, type ScenarioMessage } from './scenarios.js';
import { measureSearchStage } from './search-stage.js';

// Every build here renders the whole archive (a cold build, the dev loop's first), which the gazette
// command runs with its heap's growth bounded (src/incremental/heap.ts).
boundHeapGrowth();

const [kind, root, count, repeatCount] = process.argv.slice(2);
const stories = Number(count);
const repeats = Number(repeatCount);

function send(row: Row): Promise<void> {
  return post({ row });
}

function post(message: ScenarioMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) throw new Error('bench/scenario-process.ts is started by bench/run.ts');
    process.send(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

async function coldBuild(corpus: string): Promise<Row> {
  const run = await measure(() => build(loadConfig(corpus, { now: CORPUS_NOW }), { write: true, cache: false }));
  const { pages, files, written, warnings } = run.result;
  return {
    ...measuredRow(stories, ROWS.cold, run, `${warnings.length} warnings`),
    storiesPerSecond: stories / (run.wallMs / 1000),
    pages,
    files,
    written: written.length,
  };
}

async function runScenario(scenario: ScenarioKind, corpus: string): Promise<void> {
  switch (scenario) {
    case 'markdown-all-cores':
      return send(await measureMarkdownStage(corpus, ROWS.markdownAllCores, availableParallelism()));
    case 'markdown-one-core':
      return send(await measureMarkdownStage(corpus, ROWS.markdownOneCore, 1));
    case 'markdown-code':
      return send(await measureMarkdownStage(corpus, ROWS.markdownCode, 1, { withCode: true }));
    case 'search':
      return send(await measureSearchStage(corpus, stories, ROWS.searchStage));
    case 'cold':
      return send(await coldBuild(corpus));
    case 'published':
      return measurePublished(corpus, stories, repeats, send);
    case 'incremental':
      return measureIncremental(corpus, stories, repeats, send);
    case 'dev-loop': {
      for (const row of await measureDevLoop(corpus, stories)) await send(row);
      return;
    }
  }
}

const scenario = SCENARIOS.find((candidate) => candidate.kind === kind);
if (!(repeats >= 1)) throw new Error(`expected how many times to repeat each change, got "${repeatCount}"`);
if (scenario === undefined || root === undefined)
  throw new Error(`unknown scenario "${kind}"; expected one of ${SCENARIOS.map((known) => known.kind).join(', ')}`);
try {
  await runScenario(scenario.kind, root);
} catch (error) {
  // Rows already sent stand; run.ts marks the ones that never came with this failure.
  await post({ failure: errorText(error) });
}
// A watcher or server left open must not keep the child alive: every row is sent.
process.exit(0);
