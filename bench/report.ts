// The benchmark's results as Markdown: the machine and the command, one table of every scenario,
// the targets of issue 5 where this run measured them, and what the figures mean.

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Row } from './measure.js';
import { ROWS } from './scenarios.js';

export interface CorpusSummary {
  stories: number;
  words: number;
  bytes: number;
  generatedMs: number;
}

export interface Results {
  command: string;
  corpora: CorpusSummary[];
  rows: Row[];
}

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));

interface Target {
  stories: number;
  goal: string;
  limit: number;
  measure: (row: (scenario: string) => Row | undefined) => number | undefined;
  unit: 'ms' | 'MB' | '×';
}

const TARGETS: Target[] = [
  { stories: 10_000, goal: 'cold build within 1.25× of the Markdown stage on all cores', limit: 1.25, unit: '×', measure: (row) => ratio(row(ROWS.cold)?.wallMs, row(ROWS.markdownAllCores)?.wallMs) },
  { stories: 10_000, goal: 'no-change rebuild (`gazette build`) under 1 s', limit: 1000, unit: 'ms', measure: (row) => row(ROWS.publishedNoChange)?.wallMs },
  { stories: 10_000, goal: 'publish one new story (`gazette build`) under 1.5 s', limit: 1500, unit: 'ms', measure: (row) => row(ROWS.publishedNew)?.wallMs },
  { stories: 10_000, goal: 'dev loop, save to files written, under 100 ms: the edited story\'s page', limit: 100, unit: 'ms', measure: (row) => row(ROWS.devLoop)?.wallMs },
  { stories: 10_000, goal: 'dev loop, save to files written, under 100 ms: every file', limit: 100, unit: 'ms', measure: (row) => row(ROWS.devLoopRebuilt)?.wallMs },
  { stories: 100_000, goal: 'cold build peak memory under 1.5 GB', limit: 1536, unit: 'MB', measure: (row) => row(ROWS.cold)?.peakRssMb },
  { stories: 100_000, goal: 'publish one new story (`gazette build`) under 3 s', limit: 3000, unit: 'ms', measure: (row) => row(ROWS.publishedNew)?.wallMs },
];

const NOTES = [
  'The *gazette build* rows run the compiled command line (`bench/timed-cli.mjs` calls `lib/cli.js` as `bin/gazette.js` does), each build in a process of its own, as an editor publishes. The other rows run Gazette from its TypeScript sources (`node --import tsx`), as `npm test` does. Each group of rows runs in a fresh child process on one corpus folder under the system\'s temporary folder (the groups run in the order of the table, and the warm-builder group adds stories to it), so peak memory and CPU time are that group\'s own. The command bounds its heap\'s growth for the builds that render the archive or read a large one (src/heap.ts; every build since commit 11b4c6a, not a publish or an edit of a small archive since commit efac82e), and so do the other rows\' processes; the Markdown stage\'s workers, Gazette\'s and the floor\'s, have the young generation Gazette gives them.',
  'Wall is elapsed time; CPU is `process.cpuUsage()` user + system over the whole process (every thread: worker threads, libuv\'s pool, the garbage collector), so it can exceed wall; peak RSS is `process.resourceUsage().maxRSS`, the process\'s peak so far.',
  '*Markdown stage alone*: Gazette\'s renderer (remark-parse + remark-gfm + remark-html, `createMarkdownRenderer({ rawHtml: false })`, `render(body, url => url)`) over every story body on worker threads, one per core (`os.availableParallelism()`), fed 32 bodies at a time. Bodies are read and workers started before the clock starts. It is the floor a cold build is measured against; the build itself renders each story\'s HTML twice (page and feed links) from one parse.',
  '*Search stage alone*: `renderSearchIndex(searchDocuments(site, bodies, config), config, undefined)` (src/search.ts): Pagefind indexing every story, in its own process, and handing back the index files, as every build does whose stories\' searchable text changed. Stories are read and their Markdown rendered before the clock starts. Pagefind\'s CPU time is its process\'s, not this one\'s: it shows as other load.',
  '*Cold build*: `build(loadConfig(root, { now }), { write: true, cache: false })`, writing `dist/` (swapped in whole), Markdown on a worker thread per core as in every build of more than 400 new stories (one worker for fewer; before commit dedbbd1, the build\'s thread rendered fewer itself and shared more with workers), and pages on a worker thread per other core once the build has rendered 200 (as every build does since commit 974b9e1).',
  '*gazette build, …*: `gazette build --now …` in the corpus folder. The first starts with an empty build cache (`.gazette/cache/`) and fills it; each later one reads what the previous one left: with nothing changed it finds the site up to date and does nothing (src/up-to-date.ts); otherwise it renders only what changed; when that is at most 2,000 files it moves them into the site in place and removes the files no longer built (src/write.ts), else it writes a new site, linking the unchanged files from the previous one, and swaps it in. Each change is made three times (or as many as the command\'s `--repeats` says); the row is the run with the median wall time, which includes starting Node. A replaced site is deleted by a background `rm -rf` after the build; that deletion is not in the build\'s CPU time, but it competes with the next run and is counted in its other load.',
  '*First build of a warm builder* and the four rows after it share one process: `createBuilder(config, \'sync\')` keeps stories, Markdown and pages in memory, as `gazette dev` does; each change is written to disk, then `builder.build(new Set([changed paths]))` is timed. Each change is made three times (or as many as `--repeats` says: so many new stories, so many edits); the row is the run with the median wall time. Their peak RSS includes the first build.',
  '*One new story* is dated on the corpus\'s last day, after its other stories: today\'s news, published into the day, month and year that hold the most stories (before commit fe8537f it was dated the day after the corpus, alone in its year). *Edit one story* appends a paragraph to the latest story; *edit one template* adds a line to `templates/partials/footer.liquid`, which every page includes.',
  '*Dev loop*: `startDev({ root, overrides: { now }, port: 0, host: \'127.0.0.1\' })`, then five saves of a paragraph added to the latest story, each timed from the save to the moment its page in `.gazette/dev/` holds the change (watched with `fs.watch`): the page the dev loop writes first when a save changes a story\'s text only (since commit 2ef347d; before, the page came with the rebuild). *Save to every file written* times the same saves until the rebuild after that page is done (`dev.idle()`). Both include the watcher\'s 30 ms settle time; CPU is for the same interval. The dev server then makes the search index again (Pagefind, in its own process, counted as other load), which may still run when the next save comes 300 ms later.',
  'Stories per second is N ÷ wall time, for the rows that go through every story.',
  '*Other load* is the share of the machine\'s CPU capacity that other processes used while a row was measured (busy time from `os.cpus()` minus this process\'s CPU time). The machine may be shared: before each group of rows the runner waits, up to three minutes, for it to be at least 80% idle. A row with a high other load is slower than the machine alone would be; its CPU time is the steadier figure.',
];

export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(0)} GB`;
  return `${cpu}, ${os.availableParallelism()} cores, ${memory} memory, Node ${process.version}, ${os.type()} ${os.release()}; ${gazetteVersion()}`;
}

export function renderResults(results: Results, machine: string, date: string): string {
  const lines = [
    '# Gazette benchmark',
    '',
    `Run on ${date} with \`${results.command}\`.`,
    '',
    `Machine: ${machine}.`,
    '',
    ...results.corpora.map((corpus) => `- Corpus of ${corpus.stories.toLocaleString('en-US')} stories: ${corpus.words.toLocaleString('en-US')} words, ${(corpus.bytes / 1e6).toFixed(1)} MB of Markdown, generated in ${formatMs(corpus.generatedMs)} (\`bench/corpus.ts\`, seed 1).`),
    '',
    renderTable(results.rows),
    '',
    ...renderTargets(results.rows),
    '## Notes',
    '',
    ...NOTES.map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['| N | scenario | wall | CPU | peak RSS | stories/s | other load | notes |', '|--:|---|--:|--:|--:|--:|--:|---|'];
  return [...header, ...rows.map((row) => `| ${[
    row.stories.toLocaleString('en-US'),
    row.scenario,
    row.error ? '' : formatMs(row.wallMs),
    row.error ? '' : formatMs(row.cpuMs),
    row.peakRssMb === undefined || row.error ? '' : `${Math.round(row.peakRssMb)} MB`,
    row.storiesPerSecond === undefined || row.error ? '' : Math.round(row.storiesPerSecond).toLocaleString('en-US'),
    row.otherLoad === undefined || row.error ? '' : `${Math.round(row.otherLoad * 100)}%`,
    row.error ? `**failed**: ${row.error}` : row.note,
  ].map(cell).join(' | ')} |`)].join('\n');
}

function renderTargets(rows: readonly Row[]): string[] {
  const lines = TARGETS.flatMap((target) => {
    const row = (scenario: string) => rows.find((candidate) => candidate.stories === target.stories && candidate.scenario === scenario && !candidate.error);
    if (!rows.some((candidate) => candidate.stories === target.stories)) return [];
    const value = target.measure(row);
    const measured = value === undefined ? 'not measured' : formatValue(value, target.unit);
    const verdict = value === undefined ? '' : value <= target.limit ? 'met' : `missed (${(value / target.limit).toFixed(1)}× the target)`;
    return [`| ${target.stories.toLocaleString('en-US')} | ${target.goal} | ${measured} | ${verdict} |`];
  });
  if (lines.length === 0) return [];
  return ['## Targets of issue 5', '', '| N | target | measured | |', '|--:|---|--:|---|', ...lines, ''];
}

function formatValue(value: number, unit: Target['unit']): string {
  if (unit === 'ms') return formatMs(value);
  if (unit === 'MB') return `${Math.round(value)} MB`;
  return `${value.toFixed(2)}×`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function ratio(value: number | undefined, base: number | undefined): number | undefined {
  return value === undefined || base === undefined ? undefined : value / base;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

/** Which Gazette was measured: its version and commit, and whether its sources had uncommitted changes. */
function gazetteVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPOSITORY, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--', 'src').length > 0;
    return `Gazette at commit ${git('rev-parse', '--short', 'HEAD')}${changed ? ' with uncommitted changes in src/' : ''}`;
  } catch {
    return 'Gazette outside a git checkout';
  }
}
