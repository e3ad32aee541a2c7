// A site generator made ready to build one corpus: its project folder (the corpus's stories in its
// content/), where it writes the site, and the commands of a cold build and of a rebuild.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export interface Generator {
  /** Its name and version, as the report shows them. */
  name: string;
  version: string;
  /** The project folder: stories in its content/, where `publishStory` adds one. */
  root: string;
  /** Where the site is written. */
  output: string;
  /** The site's RSS feed, inside `output`. */
  feed: string;
  /** The command of a cold build, run in `root`. */
  coldBuild: string[];
  /** The command of a build after a change, run in `root`. */
  rebuild: string[];
  /** Gazette keeps a build cache: the command of the first build, which writes it. Peers keep none. */
  cacheBuild?: string[];
  /** Remove the output and whatever a build keeps between runs, so that the next build is cold. */
  clean(): Promise<void>;
}

/** The settings of the corpus's site that the peers' sites copy. */
export interface SiteSettings {
  title: string;
  description: string;
  baseUrl: string;
  language: string;
  timeZone: string;
  pageSize: number;
  feedSize: number;
}

/** The settings the corpus wrote in its gazette.config.yaml (bench/corpus.ts writes every one). */
export async function readSiteSettings(corpus: string): Promise<SiteSettings> {
  const file = path.join(corpus, 'gazette.config.yaml');
  const config: unknown = parse(await readFile(file, 'utf8'));
  const value = (key: string): unknown => (typeof config === 'object' && config !== null ? (config as Record<string, unknown>)[key] : undefined);
  const text = (key: string): string => {
    const found = value(key);
    if (typeof found !== 'string') throw new Error(`${file}: ${key} should be a text, found ${JSON.stringify(found)}`);
    return found;
  };
  const count = (key: string): number => {
    const found = value(key);
    if (typeof found !== 'number' || !Number.isInteger(found) || found < 1)
      throw new Error(`${file}: ${key} should be a whole number, found ${JSON.stringify(found)}`);
    return found;
  };
  return {
    title: text('title'),
    description: text('description'),
    baseUrl: text('baseUrl'),
    language: text('language'),
    timeZone: text('timeZone'),
    pageSize: count('pageSize'),
    feedSize: count('feedSize'),
  };
}
