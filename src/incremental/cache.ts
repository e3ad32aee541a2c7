// The build cache, kept between runs in .gazette/cache/ (one folder per output folder): the stories
// earlier builds read, the Markdown they rendered, the pictures they made (images/store.ts), and the
// keys of the files the last build wrote, listed in a manifest that each build adds its changes to
// (manifest.ts). Every key names everything its value was made from, Gazette's own code included,
// so a stale entry is never found; an unreadable entry is made again. The folder is safe to delete.

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { codeFingerprint } from '../code-fingerprint.js';
import type { Config } from '../config-types.js';
import type { StoryFileResult, StoryStore } from '../content/load.js';
import { diskImageStore, type ImageStore } from '../images/store.js';
import { inParallel } from '../in-parallel.js';
import { keyOf } from '../keys.js';
import { htmlFiles, type MarkdownStore, type StoryMarkdown, storedMarkdown } from '../markdown/store.js';
import type { OutputState, PageMade } from '../output/files.js';
import { outputIdentity } from '../output/marker.js';
import { cacheFolder } from './cache-folder.js';
import { appendJournal } from './journal.js';
import {
  applyJournalLine,
  changesManifest,
  JOURNAL_FILE,
  JOURNAL_SHARE,
  journalLine,
  pagesMadeIn,
  readManifest,
  type SavedOutput,
  savedAsRead,
  writeManifest,
} from './manifest.js';
import { thawStory } from './stored-stories.js';

export interface BuildCache {
  /** Stories read by an earlier run from the very same bytes. */
  readonly stories: StoryStore;
  /** Markdown rendered by earlier runs, and where this one keeps what it renders (read back when printed). */
  readonly markdown: MarkdownStore;
  /** What the output folder holds, when it is still exactly as the last build recorded it. */
  readonly output: OutputState | undefined;
  /** The pages of that output named by their inputs, by file: what each was made from, and its key. */
  readonly pagesMade: ReadonlyMap<string, PageMade> | undefined;
  /** The pictures earlier runs measured, and the copies they made. */
  readonly images: ImageStore;
  /** Keep this build's stories, Markdown and pictures, and what the output folder now holds, for the next run. */
  save(stories: Iterable<StoryFileResult>, markdown: ReadonlyMap<string, StoryMarkdown>, output?: SavedOutput): Promise<void>;
}

export async function openCache(config: Pick<Config, 'root' | 'outDir' | 'timeZone'>): Promise<BuildCache> {
  const folder = cacheFolder(config);
  const code = codeFingerprint();
  const read = await readManifest(folder, code);
  const { manifest } = read;
  let { baseBytes, journalBytes } = read;
  // With no manifest yet, or after a save that failed part way (what is on disk is not known), the next save writes it whole.
  let writeWhole = baseBytes === 0;
  const identity = manifest.output ? await outputIdentity(config.outDir) : undefined;
  const trusted = manifest.output !== null && identity === manifest.output.identity;
  const stored = new Set(Object.keys(manifest.markdown));
  const html = htmlFiles(() => path.join(folder, 'markdown'));
  const images = diskImageStore(path.join(folder, 'images'));

  return {
    stories: {
      key: (file, bytes) => keyOf(code, config.timeZone, file, bytes),
      story(key, file, absolute) {
        const story = manifest.stories[key];
        return story && thawStory(story, file, absolute, config.timeZone);
      },
      keyByStamp(file, stamp) {
        const known = manifest.stamps[file];
        return known?.[0] === stamp ? known[1] : undefined;
      },
    },
    markdown: {
      find(hash, render) {
        const entry = manifest.markdown[hash];
        if (entry === undefined) return undefined;
        return storedMarkdown(
          html.fileOf(hash),
          hash,
          { summary: entry[0], notices: entry[1], droppedUrl: entry[2], images: entry[3], links: entry[4], words: entry[5] },
          render,
        );
      },
      keep(hash, rendered, render) {
        stored.add(hash);
        return html.keep(hash, rendered, render);
      },
    },
    output: trusted ? new Map(Object.entries(manifest.output?.files ?? {})) : undefined,
    pagesMade: trusted ? pagesMadeIn(manifest.output) : undefined,
    images,

    async save(stories, markdown, output) {
      // Markdown kept while this saves (the dev loop's first pages) is not this save's to drop.
      const known = [...stored];
      const line = journalLine(manifest, stories, markdown, output);
      const changes = changesManifest(manifest, line);
      applyJournalLine(manifest, line);
      try {
        if (writeWhole || journalBytes > baseBytes * JOURNAL_SHARE) {
          // A save by another build since this one read the manifest is lost by writing it whole:
          // what the output folder holds is then not known (a journal line would say so, see applyJournalLine).
          if (!(await savedAsRead(folder, baseBytes, journalBytes))) manifest.output = null;
          manifest.base = randomUUID();
          baseBytes = await writeManifest(folder, manifest);
          await rm(path.join(folder, JOURNAL_FILE), { force: true });
          journalBytes = 0;
          writeWhole = false;
        } else if (changes) {
          journalBytes += await appendJournal(path.join(folder, JOURNAL_FILE), line);
        }
      } catch (error) {
        writeWhole = true;
        throw error;
      }
      const dropped = known.filter((hash) => !markdown.has(hash));
      await inParallel(dropped, (hash) => rm(html.fileOf(hash), { force: true }));
      for (const hash of dropped) stored.delete(hash);
      await images.save();
    },
  };
}
