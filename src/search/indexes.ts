// Which index each story is in: one for each week or so of the newest month (`pagefind/2024-03-15/`),
// one a month for recent stories (`pagefind/2024-02/`) and one a year for the settled archive
// (`pagefind/2020/`), which the search page's script queries together in the reader's browser.
// Pagefind cannot add a story to an index, so an index is made again, whole, when one of its
// stories' searchable text changed; the others are kept as they are.

import { codeFingerprint } from '../code-fingerprint.js';
import type { Config } from '../config-types.js';
import { keyMaker } from '../keys.js';
import type { Story } from '../model/types.js';
import { linkTo } from '../urls/links.js';
import { SEARCH_FOLDER } from '../urls/paths.js';

/**
 * A year of more stories than this is indexed by month however old: Pagefind's process grows with
 * its index, and a year of a large archive's stories outgrew the machine's memory.
 */
export const MONTHLY_ABOVE = 10_000;

/** A story as Pagefind reads it (see documents.ts), in the index it belongs to. */
export interface SearchDocument {
  url: string;
  /** The story's index: the month or year of its edition (see searchIndexNames). */
  index: string;
  /** Stands for the document's text: equal keys, equal documents. */
  key: string;
  html: () => string;
}

/** The first days of the parts of the newest month, each indexed apart: days 1–7, 8–14, 15–21, 22 to the end. */
const PART_FIRST_DAYS = ['22', '15', '08', '01'];

/**
 * Each story's index, in the order of `stories`: in the newest story's month, the part of the month
 * its edition day is in, named by the part's first day (`2024-03-15`); the month of its edition day
 * (`2024-03`) in the rest of the newest story's year, in the year before it until the newest story
 * reaches April (corrections just after New Year stay cheap), and in any year of more than
 * MONTHLY_ABOVE stories; its year (`2021`) elsewhere. Publishing re-indexes about a week of stories,
 * a correction a month or a week, and the settled archive stays in a few large indexes, each of which
 * the search page loads with its own script.
 */
export function searchIndexNames(stories: readonly Pick<Story, 'day'>[]): string[] {
  const yearOf = (day: string) => day.slice(0, 4);
  const newest = stories.reduce((latest, story) => (story.day > latest ? story.day : latest), '');
  const newestMonth = newest.slice(0, 7);
  const perYear = new Map<string, number>();
  for (const { day } of stories) perYear.set(yearOf(day), (perYear.get(yearOf(day)) ?? 0) + 1);
  const monthly = new Set([...perYear].filter(([, count]) => count > MONTHLY_ABOVE).map(([year]) => year));
  monthly.add(yearOf(newest));
  if (Number(newest.slice(5, 7)) <= 3) monthly.add(String(Number(yearOf(newest)) - 1));
  return stories.map(({ day }) => {
    if (day.startsWith(newestMonth)) return `${newestMonth}-${PART_FIRST_DAYS.find((first) => day.slice(8, 10) >= first) as string}`;
    return monthly.has(yearOf(day)) ? day.slice(0, 7) : yearOf(day);
  });
}

/** The index of the standalone pages (`pagefind/pages/`), which have no date. */
export const PAGES_INDEX = 'pages';

/** The script of every index, newest first, then the pages' (when `pages`): what the search page loads. */
export function searchIndexScripts(stories: readonly Story[], config: Config, pages = false): string[] {
  return [...[...new Set(searchIndexNames(stories))].sort().reverse(), ...(pages ? [PAGES_INDEX] : [])].map((index) =>
    linkTo(config, `${SEARCH_FOLDER}${index}/pagefind.js`),
  );
}

export interface SearchShard {
  folder: string;
  documents: SearchDocument[];
  /** The index key of the shard's documents. */
  key: string;
}

/** The indexes that have stories, newest first, each with its documents, its folder and key. */
export function searchShards(documents: readonly SearchDocument[]): SearchShard[] {
  const byIndex = new Map<string, SearchDocument[]>();
  for (const document of documents) {
    const shard = byIndex.get(document.index);
    if (shard) shard.push(document);
    else byIndex.set(document.index, [document]);
  }
  return [...byIndex]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([index, shard]) => ({ folder: `${SEARCH_FOLDER}${index}/`, documents: shard, key: searchIndexKey(shard) }));
}

/** Names an index: Gazette's code and libraries (Pagefind's version), and every document in order. */
export function searchIndexKey(documents: readonly SearchDocument[]): string {
  const key = keyMaker().add(codeFingerprint());
  for (const document of documents) key.add(document.url).add(document.key);
  return key.key();
}
