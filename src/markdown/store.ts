// Where a build keeps the HTML of the stories it renders: each story's HTML goes to a file as soon
// as it is rendered and is read back whenever a page or a feed prints it, so that a build of many
// stories does not hold all their HTML. A plain build keeps them in a temporary folder removed as
// Gazette ends; the build cache (incremental/) keeps them between builds.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeInBackground } from '../output/recovery.js';
import { LazyHtml } from './lazy-html.js';
import type { MarkdownNotice } from './notices.js';
import type { BodyImage, BodyLink, Removed, RenderedMarkdown } from './processor.js';

/** A story's Markdown as pages and feeds use it; its HTML is read when printed. */
export interface StoryMarkdown {
  /** The key of what the HTML was made from (see markdownKey). */
  hash: string;
  html: LazyHtml;
  /** The HTML with every link absolute, for feeds. */
  feedHtml: LazyHtml;
  summary: string;
  notices: MarkdownNotice[];
  droppedUrl: Removed | null;
  images: BodyImage[];
  links: BodyLink[];
  words: number;
}

/** A story's HTML, made again when its file cannot be read. */
export type StoryHtml = { html: string; feedHtml: string };

/** What a story's Markdown gave beside its HTML. */
export type MarkdownFacts = Pick<StoryMarkdown, 'summary' | 'notices' | 'droppedUrl' | 'images' | 'links' | 'words'>;

/** Markdown rendered before, and where Markdown rendered now is kept. */
export interface MarkdownStore {
  /** Markdown rendered before, by its key; `render` makes its HTML again if it cannot be read. */
  find(hash: string, render: () => StoryHtml): StoryMarkdown | undefined;
  /** Markdown rendered now, kept; its HTML is read back when printed. */
  keep(hash: string, rendered: RenderedMarkdown, render: () => StoryHtml): StoryMarkdown;
}

/** HTML files in `folder()`, named by their keys (`ab/abcd….json`). */
export function htmlFiles(folder: () => string) {
  const madeFolders = new Set<string>();
  const fileOf = (hash: string) => path.join(folder(), hash.slice(0, 2), `${hash}.json`);
  return {
    fileOf,
    /** Keeps the HTML of `rendered` under its key: Markdown that reads it back, or that holds it when it cannot be written. */
    keep(hash: string, rendered: RenderedMarkdown, render: () => StoryHtml): StoryMarkdown {
      try {
        const file = fileOf(hash);
        const parent = path.dirname(file);
        if (!madeFolders.has(parent)) mkdirSync(parent, { recursive: true });
        madeFolders.add(parent);
        writeFileSync(file, JSON.stringify([rendered.html, rendered.feedHtml ?? '']));
        return storedMarkdown(file, hash, rendered, render);
      } catch {
        return inMemory(hash, rendered);
      }
    },
  };
}

/** A plain build's store: nothing rendered before; what it renders kept in a temporary folder. */
export function temporaryMarkdownStore(): MarkdownStore {
  let folder: string | undefined;
  const files = htmlFiles(() => (folder ??= temporaryFolder()));
  return { find: () => undefined, keep: files.keep };
}

const temporaryFolders = new Set<string>();

function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'gazette-markdown-'));
  if (temporaryFolders.size === 0) {
    // Deleting thousands of files would hold the process up as it ends (a build stopped by Ctrl+C too).
    process.once('exit', () => {
      for (const made of temporaryFolders) removeInBackground(made);
    });
  }
  temporaryFolders.add(folder);
  return folder;
}

/** Markdown whose HTML is in `file`, read when printed (and made again by `render` if it cannot be read). */
export function storedMarkdown(file: string, hash: string, facts: MarkdownFacts, render: () => StoryHtml): StoryMarkdown {
  const read = () => readHtml(file) ?? render();
  return {
    hash,
    summary: facts.summary,
    notices: facts.notices,
    droppedUrl: facts.droppedUrl,
    images: facts.images,
    links: facts.links,
    words: facts.words,
    html: new LazyHtml(hash, () => read().html),
    feedHtml: new LazyHtml(`${hash}-feed`, () => read().feedHtml),
  };
}

function inMemory(hash: string, rendered: RenderedMarkdown): StoryMarkdown {
  return {
    hash,
    summary: rendered.summary,
    notices: rendered.notices,
    droppedUrl: rendered.droppedUrl,
    images: rendered.images,
    links: rendered.links,
    words: rendered.words,
    html: new LazyHtml(hash, rendered.html),
    feedHtml: new LazyHtml(`${hash}-feed`, rendered.feedHtml ?? ''),
  };
}

function readHtml(file: string): StoryHtml | undefined {
  try {
    const [html, feedHtml] = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    return typeof html === 'string' && typeof feedHtml === 'string' ? { html, feedHtml } : undefined;
  } catch {
    return undefined;
  }
}
