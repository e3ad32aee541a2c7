// The record of the URLs the last `gazette build` published, kept in .gazette/published-urls.json
// (beside the build cache, not in it: --no-cache keeps it, and CI that restores .gazette/ keeps it),
// so that the next build can refuse to let one of them disappear (urls/moved.ts).

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config-types.js';
import { GazetteError } from '../errors.js';
import type { PublishedUrl } from '../urls/moved.js';

export const PUBLISHED_URLS_FILE = '.gazette/published-urls.json';
const VERSION = 1;

/** Record files by output folder, relative to the project: one project may publish into several. */
type Records = Record<string, PublishedUrl[]>;

function recordKey(config: Pick<Config, 'root' | 'outDir'>): string {
  return path.relative(config.root, path.resolve(config.outDir)).split(path.sep).join('/') || '.';
}

async function readRecords(config: Pick<Config, 'root'>): Promise<Records> {
  let text: string;
  try {
    text = await readFile(path.join(config.root, PUBLISHED_URLS_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    const data = JSON.parse(text) as { version?: number; sites?: Records };
    if (data.version === VERSION && typeof data.sites === 'object' && data.sites !== null) return data.sites;
  } catch {
    // a damaged record is one no build can trust: as if there were none, said below
  }
  throw new GazetteError({
    code: 'config-unreadable',
    file: PUBLISHED_URLS_FILE,
    message: 'the record of the URLs the last build published is damaged',
    hint: 'restore it from the last build (or delete it: the next build then compares with nothing)',
  });
}

/** The URLs the last build into this output folder published, or none. */
export async function readPublishedUrls(config: Pick<Config, 'root' | 'outDir'>): Promise<PublishedUrl[]> {
  return (await readRecords(config))[recordKey(config)] ?? [];
}

/** Keep what this build published, for the next one; written whole or not at all. */
export async function recordPublishedUrls(config: Pick<Config, 'root' | 'outDir'>, urls: readonly PublishedUrl[]): Promise<void> {
  const file = path.join(config.root, PUBLISHED_URLS_FILE);
  const records = await readRecords(config).catch(() => ({}) as Records);
  records[recordKey(config)] = [...urls].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ version: VERSION, sites: records }, null, 1)}\n`);
  await rename(temporary, file);
}
