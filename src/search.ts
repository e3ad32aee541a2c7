// Full-text search of the archive with Pagefind: one small HTML document per story, made from the
// model (headline, date, section, tags, summary, body), indexed by Pagefind's own binary into
// `pagefind/`, which the search page's script queries in the reader's browser. The index is made
// again only when a story's searchable text changed; otherwise the output folder's copy is kept.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as pagefind from 'pagefind';
import { codeFingerprint } from './cache.js';
import type { Config } from './config.js';
import { GazetteError } from './errors.js';
import type { Site, Story } from './model/site.js';
import { byline, formatTime, type RenderedBody } from './render/views.js';
import { linkTo } from './urls.js';
import { keyOfBytes, type OutputFile } from './write.js';

export const SEARCH_FOLDER = 'pagefind/';
export const SEARCH_PAGE = 'search/';
/** Pagefind's entry file, which the search page's script reads first. */
const ENTRY_FILE = `${SEARCH_FOLDER}pagefind-entry.json`;

export interface SearchDocument {
  url: string;
  /** Stands for the document's text: equal keys, equal documents. */
  key: string;
  html: () => string;
}

/** What Pagefind reads of a story: its words in the body, the rest as metadata and filters. */
export function searchDocuments(site: Site, bodies: ReadonlyMap<Story, RenderedBody>, config: Config): SearchDocument[] {
  return site.stories.map((story) => {
    const body = bodies.get(story) ?? { html: '', summary: '' };
    const published = formatTime(story.date, config);
    const fields = {
      title: story.title,
      date: published.date,
      iso: published.iso,
      section: story.sectionFront?.name ?? story.section ?? null,
      tags: story.tagList.map((tag) => tag.name),
      byline: byline(story.authors),
      summary: body.summary,
    };
    // The body's HTML stands as its hash here (LazyHtml's JSON), so keys are made without reading it.
    const key = createHash('sha1').update(JSON.stringify([fields, body.html])).digest('base64');
    const html = () => [
      `<html lang="${escape(config.language)}"><body><div hidden>`,
      `<span data-pagefind-meta="date">${escape(fields.date)}</span>`,
      `<span data-pagefind-sort="date">${escape(fields.iso)}</span>`,
      fields.byline ? `<span data-pagefind-meta="byline">${escape(fields.byline)}</span>` : '',
      fields.section ? `<span data-pagefind-filter="section">${escape(fields.section)}</span>` : '',
      ...fields.tags.map((tag) => `<span data-pagefind-filter="tag">${escape(tag)}</span>`),
      `</div><main data-pagefind-body><h1>${escape(fields.title)}</h1><p>${escape(fields.summary)}</p>`,
      String(body.html),
      '</main></body></html>',
    ].join('');
    return { url: linkTo(config, story.permalink), key, html };
  });
}

/** Names the whole index: Gazette's code and libraries (Pagefind's version), and every document in order. */
export function searchIndexKey(documents: readonly SearchDocument[]): string {
  const hash = createHash('sha1').update(codeFingerprint());
  for (const document of documents) hash.update(`\n${document.url}\n${document.key}`);
  return hash.digest('base64');
}

/**
 * The index's files. When the output folder (`held`: path to key) already holds the index made under
 * this key, its files are kept; otherwise Pagefind indexes every document again. Each file is keyed
 * by its bytes, so that a new index rewrites only the files that changed; the entry file's key also
 * names the index key, which tells the next build what the folder holds.
 */
export async function renderSearchIndex(documents: readonly SearchDocument[], config: Config, held: ReadonlyMap<string, string> | undefined): Promise<OutputFile[]> {
  const kept = heldSearchIndex(documents, held);
  if (kept !== undefined) return kept;
  const made = `search:${searchIndexKey(documents)}:`;
  const files = await indexWithPagefind(documents, config);
  return files.map((file) => {
    const key = file.path === ENTRY_FILE ? made + keyOfBytes(file.content) : keyOfBytes(file.content);
    return held?.get(file.path) === key ? { path: file.path, key } : { path: file.path, key, contents: file.content };
  });
}

/** The index's files as the output folder holds them, if it holds the index of these documents. */
export function heldSearchIndex(documents: readonly SearchDocument[], held: ReadonlyMap<string, string> | undefined): OutputFile[] | undefined {
  if (!held?.get(ENTRY_FILE)?.startsWith(`search:${searchIndexKey(documents)}:`)) return undefined;
  return searchFilesIn(held);
}

/** Whatever search index files the output folder holds, kept as they are. */
export function searchFilesIn(held: ReadonlyMap<string, string> | undefined): OutputFile[] {
  return [...(held ?? [])].filter(([file]) => file.startsWith(SEARCH_FOLDER)).map(([file, key]) => ({ path: file, key }));
}

async function indexWithPagefind(documents: readonly SearchDocument[], config: Config): Promise<{ path: string; content: Uint8Array }[]> {
  const program = pagefindProgram();
  if (program === undefined || !existsSync(program)) {
    throw searchFailed([`its program for ${process.platform}-${process.arch} is not installed${program ? ` (${program})` : ''}`]);
  }
  const service = await openService();
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: pagefindLanguage(config.language) });
    if (index === undefined) throw searchFailed(errors);
    try {
      const added = await Promise.all(documents.map((document) => index.addHTMLFile({ url: document.url, content: document.html() })));
      const failed = added.flatMap((response) => response.errors);
      if (failed.length > 0) throw searchFailed(failed);
      const written = await index.getFiles();
      if (written.errors.length > 0) throw searchFailed(written.errors);
      return written.files
        .map((file) => ({ path: `${SEARCH_FOLDER}${file.path.split('\\').join('/')}`, content: file.content }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    } finally {
      await index.deleteIndex();
    }
  } catch (error) {
    throw error instanceof GazetteError ? error : searchFailed([(error as Error).message], error);
  } finally {
    await service.release();
  }
}

/**
 * Pagefind runs as one child process for every build of this process; it is stopped when the last
 * build using it is done, so that `gazette build` can exit.
 */
let users = 0;
async function openService() {
  users += 1;
  return {
    async release() {
      users -= 1;
      if (users === 0) await pagefind.close();
    },
  };
}

/**
 * Where the pagefind package will look for its program (its lib/resolveBinary.js), so that a missing
 * one is reported plainly rather than by the stack traces its service prints.
 */
function pagefindProgram(): string | undefined {
  for (const name of ['pagefind_extended', 'pagefind']) {
    const fromEnvironment = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (fromEnvironment) return fromEnvironment;
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const cpu = process.env.npm_config_arch || process.arch;
  const require = createRequire(import.meta.resolve('pagefind'));
  for (const name of ['pagefind_extended', 'pagefind']) {
    try {
      return require.resolve(`@pagefind/${platform}-${cpu}/bin/${platform === 'windows' ? `${name}.exe` : name}`);
    } catch {
      // Not this one: try the next name.
    }
  }
  return undefined;
}

/** Pagefind stems words by the language's ISO 639-1 code: `fr-CA` is indexed as `fr`. */
function pagefindLanguage(language: string): string {
  return language.split('-')[0]?.toLowerCase() ?? 'en';
}

function searchFailed(errors: readonly string[], cause?: unknown): GazetteError {
  return new GazetteError({
    code: 'search-failed', file: SEARCH_FOLDER, message: `Pagefind could not index the site: ${errors.join('; ') || 'no reason given'}`,
    hint: 'check that npm installed the "pagefind" package for this platform, or set "search: false"', cause,
  });
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
