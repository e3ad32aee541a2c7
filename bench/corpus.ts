// A realistic Gazette project for the benchmark: the repository's theme, a site configuration and
// N stories over two years, written deterministically (the same seed gives the same bytes).
// CLI: node --import tsx bench/corpus.ts --stories 1000 --out /tmp/corpus [--seed 1]

import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { capitalize, composeBody, composeSummary, countWords, type PickEarlier } from './prose.js';
import { createRandom, type Random } from './random.js';
import {
  DATELINES,
  EDITORS,
  HEADLINE_ACTORS,
  HEADLINE_VERBS,
  OBJECTS,
  PAST_VERBS,
  REPORTERS,
  SECTIONS,
  SUBJECTS,
  TAGS,
  TITLE_CLAUSES,
  WHEN,
} from './vocabulary.js';

/** The clock for builds of a corpus: just after its last story, so that every story is published. */
export const CORPUS_NOW = '2024-01-01T12:00:00+01:00';
/** Stories fall on days 0 to CORPUS_DAYS - 1 (2022 and 2023); CORPUS_NOW is on day CORPUS_DAYS. */
export const CORPUS_DAYS = 730;
const FIRST_DAY = Date.UTC(2022, 0, 1);
const MINUTE = 60_000;
const WRITE_BATCH = 64;
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));

export interface CorpusOptions {
  stories: number;
  seed: number;
}

export interface Corpus {
  root: string;
  stories: number;
  words: number;
  bytes: number;
}

/** A story before it is written: its headline, its time (day of the corpus, minute of that day) and site path. */
export interface PlannedStory {
  title: string;
  day: number;
  minute: number;
  /** `2022/03/04/some-slug`: the content file's path without `.md`, and the story's URL path. */
  sitePath: string;
}

export async function generateCorpus(folder: string, options: CorpusOptions): Promise<Corpus> {
  await refuseNonEmpty(folder);
  const random = createRandom(options.seed);
  const plan = planStories(random, options.stories);
  await copyTheme(folder);
  await writeFile(path.join(folder, 'gazette.config.yaml'), siteConfig(options));
  for (const day of new Set(plan.map((story) => path.dirname(story.sitePath)))) {
    await mkdir(path.join(folder, 'content', day), { recursive: true });
  }

  let words = 0;
  let bytes = 0;
  for (let start = 0; start < plan.length; start += WRITE_BATCH) {
    const batch = plan.slice(start, start + WRITE_BATCH).map((story, offset) => {
      const index = start + offset;
      const text = composeStory(random, story, () => pickEarlier(random, plan, index));
      words += countWords(text.slice(text.indexOf('\n---\n')));
      bytes += Buffer.byteLength(text);
      return writeFile(path.join(folder, 'content', `${story.sitePath}.md`), text);
    });
    await Promise.all(batch);
  }
  return { root: folder, stories: plan.length, words, bytes };
}

/** A story's whole file: YAML front-matter as Gazette reads it, then the Markdown body. */
export function composeStory(random: Random, story: PlannedStory, earlier: PickEarlier): string {
  const lines = [`title: ${quote(story.title)}`, `date: ${quote(storyDate(random, story))}`];
  if (random.chance(0.85)) lines.push(`section: ${quote(random.pick(SECTIONS))}`);
  if (random.chance(0.7)) lines.push(`dateline: ${quote(random.pick(DATELINES))}`);
  const byline = random.next();
  if (byline < 0.6) lines.push(`author: ${quote(random.pickPopular(REPORTERS))}`);
  else if (byline < 0.85) lines.push(`authors: [${[random.pickPopular(REPORTERS), random.pick(REPORTERS)].map(quote).join(', ')}]`);
  lines.push(`tags: [${pickTags(random).map(flowItem).join(', ')}]`);
  if (random.chance(0.8)) lines.push(`summary: ${quote(composeSummary(random))}`);
  if (random.chance(0.1)) lines.push(...imageLines(random));
  if (random.chance(0.5)) lines.push(`credits: ${quote(`Reporting by ${random.pick(REPORTERS)}; Editing by ${random.pick(EDITORS)}`)}`);
  if (random.chance(0.05)) lines.push(`updated: ${quote(localTime(story.day, story.minute + random.int(30, 360)))}`);
  if (random.chance(0.02)) {
    lines.push(
      'corrections:',
      `  - date: ${quote(localTime(story.day + 1, 9 * 60))}`,
      `    text: ${quote(`An earlier version of this story misstated ${random.pick(OBJECTS)}.`)}`,
    );
  }
  if (random.chance(0.5)) lines.push(`id: ${quote(uuid(random))}`);
  return `---\n${lines.join('\n')}\n---\n\n${composeBody(random, earlier)}`;
}

/** A new headline on a given day and minute, its slug made the way Gazette makes it from a title. */
export function planStory(random: Random, day: number, minute: number, taken: Set<string>): PlannedStory {
  for (;;) {
    const title = `${random.pick(HEADLINE_ACTORS)} ${random.pick(HEADLINE_VERBS)} ${random.pick(OBJECTS).replace(/^(a|the) /, '')} ${random.pick(TITLE_CLAUSES)}`;
    const sitePath = `${calendarDay(day)}/${slugOf(title)}`;
    if (taken.has(sitePath)) continue;
    taken.add(sitePath);
    return { title, day, minute, sitePath };
  }
}

/** Days and minutes in the site's time zone (Africa/Algiers, UTC+1 all year). */
export function localTime(day: number, minute: number): string {
  return `${new Date(FIRST_DAY + day * 86_400_000 + minute * MINUTE).toISOString().slice(0, 19)}+01:00`;
}

function planStories(random: Random, count: number): PlannedStory[] {
  const times = Array.from({ length: count }, () => ({ day: random.int(0, CORPUS_DAYS - 1), minute: random.int(6 * 60, 23 * 60 - 1) }));
  times.sort((a, b) => a.day - b.day || a.minute - b.minute);
  const taken = new Set<string>();
  return times.map(({ day, minute }) => planStory(random, day, minute, taken));
}

/** Links go to earlier stories, most often recent ones, as news coverage does. */
function pickEarlier(random: Random, plan: readonly PlannedStory[], index: number): string | undefined {
  if (index === 0) return undefined;
  const back = 1 + Math.floor(random.next() ** 2 * Math.min(index, 2000));
  return plan[index - back]?.sitePath;
}

/** Most stories carry the site's offset; one in ten is dated in UTC, the same instant. */
function storyDate(random: Random, story: PlannedStory): string {
  if (!random.chance(0.1)) return localTime(story.day, story.minute);
  return `${new Date(FIRST_DAY + story.day * 86_400_000 + (story.minute - 60) * MINUTE).toISOString().slice(0, 19)}Z`;
}

/** Two to four tags, never two that Gazette would take for one (same letters up to case and accents). */
function pickTags(random: Random): string[] {
  const tags = new Map<string, string>();
  const count = random.int(2, 4);
  while (tags.size < count) {
    const tag = random.pickPopular(TAGS);
    tags.set(fold(tag), tag);
  }
  return [...tags.values()];
}

function imageLines(random: Random): string[] {
  return [
    'image:',
    '  src: "/images/algiers-central-post-office.svg"',
    '  alt: "The white facade of the central post office in Algiers under a blue sky"',
    `  caption: ${quote(`${capitalize(random.pick(SUBJECTS))} ${random.pick(PAST_VERBS)} ${random.pick(OBJECTS)} ${random.pick(WHEN)}.`)}`,
    '  credit: "The Maghreb Wire/File Photo"',
  ];
}

function uuid(random: Random): string {
  return `urn:uuid:${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${random.hex(3)}-${random.hex(12)}`;
}

function calendarDay(day: number): string {
  return new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '/');
}

/** Gazette's slug rule for Latin titles: accents folded, apostrophes dropped, the rest to hyphens. */
function slugOf(title: string): string {
  return fold(title)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase();
}

/** JSON strings are YAML double-quoted scalars. */
function quote(text: string): string {
  return JSON.stringify(text);
}

function flowItem(tag: string): string {
  return /^[\p{L}\p{N} ]+$/u.test(tag) ? tag : quote(tag);
}

function siteConfig(options: CorpusOptions): string {
  return [
    `# Benchmark corpus written by bench/corpus.ts: ${options.stories} stories, seed ${options.seed}.`,
    'title: The Maghreb Wire',
    'description: A daily digest of news from North Africa, the Sahel and the Mediterranean.',
    'baseUrl: https://example.org/',
    'language: en',
    'timeZone: Africa/Algiers',
    'permalink: /:year/:month/:day/:slug/',
    'pageSize: 10',
    'feedSize: 20',
    'markdown:',
    '  rawHtml: false',
    '',
  ].join('\n');
}

async function copyTheme(folder: string): Promise<void> {
  await cp(path.join(REPOSITORY, 'templates'), path.join(folder, 'templates'), { recursive: true });
  await cp(path.join(REPOSITORY, 'static'), path.join(folder, 'static'), { recursive: true });
}

async function refuseNonEmpty(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  if ((await readdir(folder)).length > 0) throw new Error(`bench/corpus: ${folder} is not empty; give a new or empty folder`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stories: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  const stories = Number(values.stories);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(stories) || stories < 1 || !Number.isInteger(seed)) {
    throw new Error('usage: node --import tsx bench/corpus.ts --stories 1000 --out <folder> [--seed 1]');
  }
  const started = performance.now();
  const corpus = await generateCorpus(path.resolve(values.out), { stories, seed });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${corpus.stories} stories, ${corpus.words} words, ${(corpus.bytes / 1e6).toFixed(1)} MB in ${corpus.root} (${seconds} s)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
