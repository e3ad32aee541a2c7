// `npm run bench -- --pathological [--sizes 1,4,16,64,256,1024] [--budget 10] [--out file.md]`: how
// long one story of each shape of bench/pathological.ts takes to render, on a worker of Gazette's
// Markdown pool as a build renders it, at sizes (in KiB) up to the largest a story may be. A
// measure stops at the budget, as a build would stop the story, and the shape's larger sizes are
// not tried. Writes a Markdown table to bench/results-pathological.md or --out.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STORY_SECONDS } from '../src/config-settings.js';
import { heldBody } from '../src/content/body.js';
import { createMarkdownPool, type MarkdownPool } from '../src/markdown/pool.js';
import { formatMs } from './format.js';
import { type Measured, measure } from './measure.js';
import { PATHOLOGICAL_SHAPES, type PathologicalShape } from './pathological.js';
import { describeMachine, machineText } from './provenance.js';
import { progress, waitForQuietMachine } from './runner.js';

export const PATHOLOGICAL_SIZES_KIB = [1, 4, 16, 64, 256, 1024];
const RESULTS_FILE = fileURLToPath(new URL('./results-pathological.md', import.meta.url));
const SITE = {
  rawHtml: false,
  embeds: [],
  baseUrl: 'https://example.org/news/',
  basePath: '/news/',
  words: { heading_anchor: 'Link to this section' },
  language: 'en',
};

interface Measure {
  kib: number;
  /** Undefined when the story was stopped at the budget. */
  run?: Measured<unknown>;
}

export interface PathologicalOptions {
  sizesKib: number[];
  budgetSeconds: number;
  out?: string;
  command: string;
}

export async function benchPathological(options: PathologicalOptions): Promise<void> {
  const pool = createMarkdownPool({ ...SITE, storySeconds: options.budgetSeconds }, { keep: 1 });
  const rows: { shape: PathologicalShape; measures: Measure[] }[] = [];
  await waitForQuietMachine();
  try {
    for (const shape of PATHOLOGICAL_SHAPES) {
      const measures: Measure[] = [];
      for (const kib of options.sizesKib) {
        const measured = await renderOnce(pool, shape, kib, options.budgetSeconds * 1000);
        measures.push(measured);
        progress(`${shape.name}, ${kib} KiB: ${measured.run ? formatMs(measured.run.wallMs) : `stopped at ${options.budgetSeconds} s`}`);
        if (measured.run === undefined) break;
      }
      rows.push({ shape, measures });
    }
  } finally {
    await pool.close();
  }
  const date = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const text = renderPathological(rows, options, machineText(describeMachine()), date);
  const file = options.out ? path.resolve(options.out) : RESULTS_FILE;
  await writeFile(file, text);
  console.log(text);
  progress(`written to ${path.relative(process.cwd(), file)}`);
}

/** Below this size a shape's story warms the worker up before each measure. */
const WARM_UP_KIB = 4;
/** A story is rendered up to this many times, while they all fit in the budget: the fastest counts. */
const RUNS = 3;

async function renderOnce(pool: MarkdownPool, shape: PathologicalShape, kib: number, budgetMs: number): Promise<Measure> {
  // A worker ready, and warm for this shape, before the clock starts: a fresh one follows every
  // story stopped, and remark runs several times slower until V8 has optimized it.
  const warm = { permalink: 'warm/', body: heldBody(shape.make(Math.min(kib, WARM_UP_KIB) * 1024)) };
  for (let round = 0; round < 3; round++) await pool.renderEach([warm], () => undefined, { threads: 1 });
  const story = { permalink: '2024/01/01/shape/', file: `${shape.name}.md`, body: heldBody(shape.make(kib * 1024)) };
  const runs: Measured<unknown>[] = [];
  for (let spent = 0; runs.length < RUNS && spent + (runs.at(-1)?.wallMs ?? 0) < budgetMs; ) {
    const run = await measure(() => pool.renderEach([story], () => undefined, { threads: 1 }));
    if (run.result.length > 0) return { kib };
    runs.push(run);
    spent += run.wallMs;
  }
  return { kib, run: runs.reduce((fastest, run) => (run.wallMs < fastest.wallMs ? run : fastest)) };
}

function renderPathological(
  rows: readonly { shape: PathologicalShape; measures: Measure[] }[],
  options: PathologicalOptions,
  machine: string,
  date: string,
): string {
  const sizes = options.sizesKib.map((kib) => (kib >= 1024 ? `${kib / 1024} MiB` : `${kib} KiB`));
  const header = (first: string) => [`| ${first} | ${sizes.join(' | ')} | grows as |`, `|---|${sizes.map(() => '--:').join('|')}|--:|`];
  const cells = (measures: readonly Measure[], value: (run: Measured<unknown>) => number) =>
    options.sizesKib.map((kib) => {
      const measured = measures.find((candidate) => candidate.kib === kib);
      if (measured === undefined) return '';
      return measured.run ? formatMs(value(measured.run)) : `**stopped** (> ${options.budgetSeconds} s)`;
    });
  const table = (value: (run: Measured<unknown>) => number) => [
    ...header('shape'),
    ...rows.map(({ shape, measures }) => `| ${shape.name} | ${cells(measures, value).join(' | ')} | ${growth(measures, value)} |`),
  ];
  const loads = rows.flatMap(({ measures }) => measures.flatMap((measured) => (measured.run ? [measured.run.otherLoad] : [])));
  const averageLoad = loads.length === 0 ? 0 : loads.reduce((sum, load) => sum + load, 0) / loads.length;
  return [
    '# Pathological Markdown: render time per story',
    '',
    `Run on ${date} with \`${options.command}\`.`,
    '',
    `Machine: ${machine}.`,
    '',
    `One story of each shape (\`bench/pathological.ts\`) at each size, rendered on a worker of Gazette's Markdown pool (\`src/render/markdown-pool.ts\`) as a build renders it, under a budget of ${options.budgetSeconds} s (\`limits.storySeconds\`; Gazette's default is ${STORY_SECONDS} s). A story past the budget is stopped, as a build stops it (\`markdown-too-slow\`), and its shape's larger sizes are not tried. A story file may be at most 1 MiB, front-matter included.`,
    '',
    '## Wall time',
    '',
    ...table((run) => run.wallMs),
    '',
    '## CPU time',
    '',
    "The whole process's (`process.cpuUsage()`: the worker rendering, and this thread waiting), steadier than wall time on a shared machine.",
    '',
    ...table((run) => run.cpuMs),
    '',
    '## Shapes',
    '',
    ...PATHOLOGICAL_SHAPES.map((shape) => `- **${shape.name}**: ${shape.looks}`),
    '',
    '## Notes',
    '',
    `- *Grows as*: the exponent of the time against the size between the two largest sizes rendered (1 is linear, 2 quadratic). Times of a few tens of milliseconds say little.`,
    `- Before each measure the worker renders the shape three times at ${WARM_UP_KIB} KiB (or the size measured, if smaller), so that the time is remark's on that shape, not V8's warming up; each story is then rendered up to ${RUNS} times while the runs fit in the budget, and the fastest run counts (its CPU time is that run's).`,
    `- Other processes used ${Math.round(averageLoad * 100)}% of the machine's CPU capacity on average while the stories were rendered (see bench/measure.ts); wall times are that much less reliable than CPU times.`,
    '',
  ].join('\n');
}

/** The exponent of time against size between the two largest sizes rendered. */
function growth(measures: readonly Measure[], value: (run: Measured<unknown>) => number): string {
  const [before, last] = measures.filter((measured) => measured.run !== undefined).slice(-2);
  if (before?.run === undefined || last?.run === undefined) return '';
  return `n^${(Math.log(value(last.run) / Math.max(1, value(before.run))) / Math.log(last.kib / before.kib)).toFixed(1)}`;
}
