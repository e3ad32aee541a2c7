// Reading feeds back the way their consumers do: the JSON Feed 1.1 schema (a copy kept in
// test/fixtures, see jsonfeed-1.1.SOURCE.txt), a generic XML parser and small HTML helpers.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { makeConfig } from './config.js';
import type { StoryFields } from './stories.js';

const SCHEMA_FILE = path.join(import.meta.dirname, '../fixtures/jsonfeed-1.1.schema.json');

// ajv-formats is CommonJS: its plugin is the module itself and, typed, its `default`.
const addFormats = addFormatsPlugin.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);

/** The schema's complaints about a parsed JSON Feed, as `path message` lines: empty when valid. */
export function jsonFeedErrors(feed: unknown): string[] {
  if (validateSchema(feed)) return [];
  return (validateSchema.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

export function assertValidJsonFeed(text: string, label = 'feed.json'): void {
  const errors = jsonFeedErrors(JSON.parse(text));
  assert.deepEqual(errors, [], `${label} breaks the JSON Feed 1.1 schema:\n${errors.join('\n')}`);
}

export interface AtomEntry {
  title: string;
  id: string;
  published: string;
  updated: string;
  link: Record<string, string>[];
  author?: { name: string }[];
  summary?: { '#text': string; '@_type': string };
  content?: { '#text': string; '@_type': string };
  category?: Record<string, string>[];
}

export interface AtomDocument {
  '@_xmlns': string;
  '@_xml:lang': string;
  title: string;
  subtitle?: string;
  link: Record<string, string>[];
  id: string;
  updated: string;
  author: { name: string }[];
  generator?: string;
  entry?: AtomEntry[];
}

const ATOM_LISTS = new Set(['entry', 'link', 'author', 'category']);

/** An Atom document as a generic XML parser reads it, after checking it is well-formed. */
export function parseAtomXml(xml: string): AtomDocument {
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ATOM_LISTS.has(name),
  });
  return parser.parse(xml).feed as AtomDocument;
}

export interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string; '@_isPermaLink': string };
  pubDate: string;
  description?: string;
  'content:encoded': string;
  enclosure?: Record<string, string>;
  'media:content'?: Record<string, unknown>;
}

/** The items of an RSS document as a generic XML parser reads them, after checking it is well-formed. */
export function parseRssItems(xml: string): RssItem[] {
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'item' });
  return (parser.parse(xml).rss.channel.item ?? []) as RssItem[];
}

/** Every href and src in an HTML fragment, in document order. */
export function urlsIn(html: string): string[] {
  const $ = cheerio.load(html, null, false);
  return [...$('[href], [src]')].map((element) => $(element).attr('href') ?? $(element).attr('src') ?? '');
}

/** The small site both XML feed formats are tested with: two stories, in Algiers, under a sub-path. */
export const algiers = makeConfig({
  title: 'Maghreb & Sahel Digest',
  description: 'News from <North Africa>',
  baseUrl: 'https://example.org/news/',
  language: 'fr',
  timeZone: 'Africa/Algiers',
});

export const stories: StoryFields[] = [
  {
    title: 'Esper visits Algiers',
    date: '2020-10-01T16:40:00',
    tags: ['Algeria', 'Sahel'],
    authors: ['Lamine Chikhi', 'Hamid Ould Ahmed'],
    id: 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11',
  },
  { title: 'Libya talks: "progress" & hope', date: '2020-10-02T09:15:00', tags: ['Libya'], authors: ['Aidan Lewis'] },
];
