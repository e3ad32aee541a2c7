// `gazette import <generator> SOURCE`: read the source site (never written), make each post a
// story, and write them all into the content folder, or nothing if one would overwrite a file;
// then say what was imported, which URLs were kept and what was not carried over.

import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { GazetteError } from '../errors.js';
import { convertPost } from './convert.js';
import { readHugoSite } from './hugo.js';
import { readJekyllSite } from './jekyll.js';
import { readPelicanSite } from './pelican.js';
import type { ImportedStory, ImportNote, SourcePost } from './story.js';
import { readZolaSite } from './zola.js';

export const GENERATORS = { jekyll: readJekyllSite, hugo: readHugoSite, zola: readZolaSite, pelican: readPelicanSite } as const;
export type Generator = keyof typeof GENERATORS;

export interface ImportReport {
  stories: ImportedStory[];
  urlsKept: number;
  notes: ImportNote[];
  skipped: string[];
}

/** The keys another post may name a post by: its file, its name, its name without the date. */
function referenceKeys(post: SourcePost): string[] {
  const file = post.file;
  const name = path.posix.basename(file).replace(/\.[^.]+$/, '');
  const folder = path.posix.basename(path.posix.dirname(file));
  const below = file.replace(/^content\//, '');
  return [file, below, name, /^index$/i.test(name) ? folder : name, name.replace(/^\d{4}-\d{2}-\d{2}[-_]/, '')];
}

export async function importSite(generator: Generator, source: string, into: string): Promise<ImportReport> {
  if (!existsSync(source))
    throw new GazetteError({ code: 'usage', file: source, message: 'the source site is not there', hint: 'give the folder of the site to import' });
  const { posts, skipped, siteRoots } = GENERATORS[generator](source);
  const notes: ImportNote[] = [];
  const urls = new Map<string, string>();
  for (const post of posts) if (post.oldUrl) for (const key of referenceKeys(post)) if (!urls.has(key)) urls.set(key, post.oldUrl);
  const urlOf = (reference: string) => urls.get(reference.replace(/^\/+/, '').replace(/\.(md|markdown)$/i, '')) ?? urls.get(reference.replace(/^\/+/, ''));

  const stories: ImportedStory[] = [];
  const targets = new Set<string>();
  for (const post of posts) {
    if (post.date === undefined) {
      notes.push({ kind: 'not imported: no date', file: post.file, detail: 'neither a date field nor a dated file name' });
      continue;
    }
    const story = convertPost(post, { siteRoots, urlOf, notes });
    // Two posts of one year with one name: the later gets a number.
    let target = story.target;
    for (let count = 2; targets.has(target.toLowerCase()); count += 1) target = story.target.replace(/(\/index)?\.md$/, `-${count}$1.md`);
    targets.add(target.toLowerCase());
    stories.push({ ...story, target });
  }

  const existing = stories.flatMap((story) => [story.target, ...story.copies.map((copy) => path.posix.join(path.posix.dirname(story.target), copy.to))]);
  const taken = existing.filter((file) => existsSync(path.join(into, file)));
  if (taken.length > 0) {
    throw new GazetteError({
      code: 'usage',
      file: path.join(into, taken[0] as string),
      message: `the import would overwrite ${taken.length} ${taken.length === 1 ? 'file' : 'files'}; nothing was written`,
      hint: 'import into an empty folder with --into, or move the files away',
    });
  }
  for (const story of stories) {
    const file = path.join(into, story.target);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `---\n${stringify(story.fields, { lineWidth: 0 })}---\n\n${story.body.replace(/^\n+/, '')}`, { flag: 'wx' });
    for (const copy of story.copies) {
      const to = path.join(path.dirname(file), copy.to);
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(copy.from, to);
    }
  }
  return { stories, urlsKept: stories.filter((story) => story.fields.url !== undefined).length, notes, skipped };
}

/** The report's lines: counts, then each kind of note with a few examples. */
export function describeImport(report: ImportReport, into: string): string[] {
  const lines = [
    `Imported ${report.stories.length} ${report.stories.length === 1 ? 'story' : 'stories'} into ${into}/, ${report.urlsKept} with the URL they had (url:)`,
  ];
  if (report.skipped.length > 0) lines.push(`Not imported (not Markdown): ${report.skipped.length}, e.g. ${report.skipped.slice(0, 3).join(', ')}`);
  const kinds = new Map<string, ImportNote[]>();
  for (const note of report.notes) kinds.set(note.kind, [...(kinds.get(note.kind) ?? []), note]);
  for (const [kind, notes] of [...kinds].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`warning: ${kind}: ${notes.length}`);
    for (const note of notes.slice(0, 3)) lines.push(`  ${note.file}: ${note.detail}`);
  }
  return lines;
}
