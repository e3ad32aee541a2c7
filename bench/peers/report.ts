// The peers benchmark as Markdown: the machine and versions, one table of every generator and
// scenario with each time as a multiple of Gazette's, and what differs between the three setups.

import type { Row } from '../measure.js';
import { formatMs, type CorpusSummary } from '../report.js';
import type { OutputCount } from './output.js';

export const SCENARIOS = {
  cold: 'cold build',
  cacheBuild: 'first build, writing its cache',
  newStory: 'one new story',
} as const;

export interface PeerRow extends Row {
  generator: string;
  count?: OutputCount;
}

export interface PeerResults {
  command: string;
  date: string;
  machine: string;
  versions: string[];
  corpora: CorpusSummary[];
  rows: PeerRow[];
}

const NOTES = {
  builds: [
    '**Gazette** (`gazette build --now 2024-01-01T12:00:00+01:00`, with `--no-cache` for the cold build) builds the repository\'s theme: story pages with standfirst, byline, image, credits, corrections, tags, older and newer stories, and Open Graph, Twitter and JSON-LD metadata; the front page by day; a page per edition (day) and an archive; a page per tag, paginated, and a tags overview; RSS, Atom and JSON feeds, full text, for the site, for the editions and for every tag; sitemap.xml, news-sitemap.xml, robots.txt and a 404 page; and it copies the theme\'s CSS and the static files. Markdown by remark with GFM, raw HTML removed. That is why its *other pages* and *files* are many more than the peers\'.',
    '**Hugo** (`hugo --quiet --destination public`), with the layouts in `bench/peers/hugo/layouts/`: story pages (title, date, byline, tags, body), the front page by day (`.Paginate` over the stories grouped by date), a page per tag, paginated, and a tags overview; Hugo\'s built-in RSS template for the front page only, whose items carry Hugo\'s summary of each story rather than its full text; Hugo also writes sitemap.xml, robots.txt and, for each paginated listing, a `page/1/` page redirecting to its first page (counted in *tag pages* and *front pages*). Tag links are made from the tag names (`urlize`) rather than with `.GetTerms`, and the front page groups only its own stories by day: the first forms we wrote (`.GetTerms` in every story card, and every story grouped by day on every front page) made the 10,000-story build more than twice as slow. Markdown by Goldmark. Hugo keeps nothing between runs for such a site (no images or assets to process), so a new story means a full build. Hugo is written in Go and uses every core.',
    '**Eleventy** (`node node_modules/@11ty/eleventy/cmd.cjs --quiet`: what `npx @11ty/eleventy --quiet` runs, without npm\'s own start-up), with the project in `bench/peers/eleventy/site/`: Liquid layouts for story pages, the front page by day (pagination over `collections.all`, reversed), a page per tag, paginated (a collection of every tag\'s pages, paginated one at a time), and a tags overview; one RSS feed by `@11ty/eleventy-plugin-rss`, full text with absolute URLs. LiquidJS\'s cache is turned on (`setLiquidOptions({ cache: true })`): Eleventy turns it off by default, and then every `render` of a partial reads and parses its file again, which made these builds twice as slow. Times are shown in UTC, the process\'s time zone: LiquidJS\'s `timezoneOffset` set to the site\'s zone cost a third more. Markdown by markdown-it; stories are not run through Liquid first (`markdownTemplateEngine: false`). Eleventy\'s `slugify` transliterates Arabic and Cyrillic tags, which Gazette and Hugo keep in their own script, so `Газпром` and `Gazprom` are one tag there: one tag fewer. Without `--incremental` every build is a full one. Eleventy renders on one thread.',
    'All three build the same stories (Hugo and Eleventy from a copy of the corpus\'s `content/`), with the corpus\'s page size and feed size, the same story URLs (`/2023/12/15/slug/`), and every story published. Tags that differ only in case or accents (`Élections`, `Elections`) are one tag in all three (Hugo with `removePathAccents`).',
  ],
  measures: [
    'Each build is a process of its own, timed by GNU time (`/usr/bin/time -f "%U %S %M"`): *wall* is from start to exit, start-up of the runtime included; *CPU* is user + system time of the process and of the children it waited for, so it can exceed wall on two cores; *peak RSS* is the largest resident memory of those processes. After a rebuild Gazette deletes the site it replaced in a background process: that is not in its figures, but competes with the next run and counts as its other load.',
    '*Cold build*: the output deleted first (and Gazette\'s `.gazette/`, Hugo\'s `resources/`), Gazette with `--no-cache`. *First build, writing its cache*: Gazette\'s ordinary `gazette build` with an empty cache, as an editor\'s first build; it comes just before the new story. *One new story*: `publishStory` of `bench/edits.ts` (the same new story for all three) adds a story to `content/`, then the ordinary build runs again.',
    'Each scenario runs three times and the row is the run with the median wall time (all runs listed), except when its first run takes more than 20 s: then it runs once. Each run of *one new story* adds another story, so its row counts N + 1 to N + 3 stories. Before each run the runner flushes written files to disk (`sync`) and waits, up to three minutes, for the machine to be at least 80% idle; *other load* is the share of the machine\'s CPU capacity other processes used during the row\'s run.',
    'After each run the output is counted and checked: one page per story (with the stories added), at least one tag page, and an RSS feed that fast-xml-parser reads as well-formed with one item per story up to the feed size. *Pages* are the HTML files written (redirect pages included) and *files* everything in the output folder.',
    '*× Gazette* is the row\'s wall time divided by Gazette\'s in the same scenario at the same N: above 1, slower than Gazette.',
  ],
};

export function renderPeers(results: PeerResults): string {
  return [
    '# Gazette beside Hugo and Eleventy',
    '',
    `Run on ${results.date} with \`${results.command}\`.`,
    '',
    `Machine: ${results.machine}.`,
    '',
    `Generators: ${results.versions.join('; ')}.`,
    '',
    ...results.corpora.map((corpus) => `- Corpus of ${corpus.stories.toLocaleString('en-US')} stories: ${corpus.words.toLocaleString('en-US')} words, ${(corpus.bytes / 1e6).toFixed(1)} MB of Markdown (\`bench/corpus.ts\`, seed 1).`),
    '',
    renderTable(results.rows),
    '',
    '## What each one builds',
    '',
    ...NOTES.builds.map((note) => `- ${note}`),
    '',
    '## How it is measured',
    '',
    ...NOTES.measures.map((note) => `- ${note}`),
    '',
  ].join('\n');
}

/** Rows by N, then by scenario, so that the generators of one scenario are side by side. */
function renderTable(rows: readonly PeerRow[]): string {
  const order: readonly string[] = Object.values(SCENARIOS);
  const sorted = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.stories - b.row.stories || order.indexOf(a.row.scenario) - order.indexOf(b.row.scenario) || a.index - b.index)
    .map(({ row }) => row);
  const header = ['| N | scenario | generator | wall | CPU | peak RSS | other load | pages (files) | × Gazette | notes |', '|--:|---|---|--:|--:|--:|--:|--:|--:|---|'];
  return [...header, ...sorted.map((row) => {
    const measured = row.error === undefined;
    return `| ${[
      row.stories.toLocaleString('en-US'),
      row.scenario,
      row.generator,
      measured ? formatMs(row.wallMs) : '',
      measured ? formatMs(row.cpuMs) : '',
      measured && row.peakRssMb !== undefined ? `${Math.round(row.peakRssMb)} MB` : '',
      measured && row.otherLoad !== undefined ? `${Math.round(row.otherLoad * 100)}%` : '',
      measured && row.count ? `${row.count.pages.toLocaleString('en-US')} (${row.count.files.toLocaleString('en-US')})` : '',
      measured ? timesGazette(row, rows) : '',
      measured ? row.note : `**failed**: ${row.error}`,
    ].map(cell).join(' | ')} |`;
  })].join('\n');
}

function timesGazette(row: PeerRow, rows: readonly PeerRow[]): string {
  if (row.generator === 'Gazette' || row.wallMs === undefined) return '';
  const gazette = rows.find((other) => other.generator === 'Gazette' && other.stories === row.stories && other.scenario === row.scenario && other.error === undefined);
  if (gazette?.wallMs === undefined) return '';
  const ratio = row.wallMs / gazette.wallMs;
  return `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
