// The floor a cold build is measured against: the Markdown stage alone (remark-parse, remark-gfm,
// remark-html through Gazette's renderer) over every story body, spread over worker threads.
// Bodies are read and workers started before the clock starts. `withCode` adds three highlighted
// code blocks (Python, JavaScript, SQL) to every body: beside the plain run, the cost of highlighting.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { splitStory } from '../src/content/frontmatter.js';
import { findStoryFiles } from '../src/content/load.js';
import { WORKER_RESOURCE_LIMITS } from '../src/markdown/worker-protocol.js';
import { measure, measuredRow, type Row } from './measure.js';

const CHUNK = 32;

/** What a data desk's story holds: about forty lines of code in three languages. */
const CODE_BLOCKS = [
  '```python\nimport pandas as pd\n\nreadings = pd.read_csv("levels.csv", parse_dates=["time"])\npeaks = readings.groupby("town")["level"].max()\nfor town, level in peaks.items():\n    if level > 6.0:\n        print(f"{town}: {level:.1f} m")  # above the flood mark\n```',
  '```js\nconst peaks = new Map();\nfor (const { town, level } of readings) {\n  const before = peaks.get(town) ?? 0;\n  if (level > before) peaks.set(town, level);\n}\nexport function above(mark) {\n  return [...peaks].filter(([, level]) => level > mark).map(([town]) => town);\n}\n```',
  "```sql\nSELECT town, MAX(level) AS peak, COUNT(*) AS readings\nFROM readings\nWHERE time >= DATE '2021-05-18'\nGROUP BY town\nHAVING MAX(level) > 6.0\nORDER BY peak DESC;\n```",
].join('\n\n');

export async function measureMarkdownStage(root: string, scenario: string, threads: number, options: { withCode?: boolean } = {}): Promise<Row> {
  const read = await readBodies(root);
  const bodies = options.withCode ? read.map((body) => `${body}\n\n${CODE_BLOCKS}\n`) : read;
  const starting = performance.now();
  const workers = await Promise.all(Array.from({ length: threads }, startWorker));
  const readyMs = performance.now() - starting;
  try {
    const run = await measure(() => renderAll(workers, bodies));
    const note = `${threads} worker${threads === 1 ? '' : 's'} (started in ${Math.round(readyMs)} ms, not counted); ${(run.result / 1e6).toFixed(1)} MB of HTML`;
    return { ...measuredRow(bodies.length, scenario, run, note), storiesPerSecond: bodies.length / (run.wallMs / 1000) };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

async function readBodies(root: string): Promise<string[]> {
  const contentDir = path.join(root, 'content');
  const files = findStoryFiles(root, contentDir).stories;
  return Promise.all(files.map(async (file) => splitStory(await readFile(path.join(contentDir, file), 'utf8'), file).body));
}

/** Each worker takes the next chunk of bodies when it is done with one; resolves with the HTML's length. */
function renderAll(workers: readonly Worker[], bodies: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let pending = 0;
    let characters = 0;
    const feed = (worker: Worker) => {
      if (next >= bodies.length) return;
      worker.postMessage(bodies.slice(next, next + CHUNK));
      next += CHUNK;
      pending++;
    };
    for (const worker of workers) {
      worker.on('error', reject);
      worker.on('message', (made: number) => {
        characters += made;
        pending--;
        feed(worker);
        if (pending === 0) resolve(characters);
      });
      feed(worker);
    }
    if (pending === 0) resolve(0);
  });
}

/**
 * A worker running the TypeScript sources. Node 20 does not apply `--import tsx` to worker threads,
 * so the worker registers tsx itself before loading its module.
 */
function startWorker(): Promise<Worker> {
  const module = new URL('./markdown-worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(module)});`;
  // With the young generation Gazette gives its own Markdown workers.
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { resourceLimits: WORKER_RESOURCE_LIMITS });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve(worker));
  });
}
