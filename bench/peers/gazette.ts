// Gazette as an editor runs it: the compiled command line (`npm run compile` first) in a process
// of its own, on the corpus folder itself, which bench/corpus.ts writes as a Gazette project.

import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_NOW } from '../corpus.js';
import type { Generator } from './generator.js';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(REPOSITORY, 'bin', 'gazette.js');

export async function setUpGazette(corpus: string): Promise<Generator> {
  const { version } = JSON.parse(await readFile(path.join(REPOSITORY, 'package.json'), 'utf8')) as { version: string };
  const build = [process.execPath, CLI, 'build', '--now', CORPUS_NOW];
  return {
    name: 'Gazette',
    version: `Gazette ${version}`,
    root: corpus,
    output: path.join(corpus, 'dist'),
    feed: 'feed.xml',
    coldBuild: [...build, '--no-cache'],
    cacheBuild: build,
    rebuild: build,
    clean: async () => {
      await rm(path.join(corpus, 'dist'), { recursive: true, force: true });
      await rm(path.join(corpus, '.gazette'), { recursive: true, force: true });
    },
  };
}
