// The golden sites: the sample project and a seeded 1,000-story corpus, built cold, hashed file by
// file and compared with the manifests in test/golden/. A change that is meant to change the output
// regenerates them deliberately (`npm run golden:update`), and the diff of the manifest is reviewed.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CORPUS_NOW, generateCorpus } from '../bench/corpus.js';
import { loadConfig } from '../src/config.js';
import { build } from '../src/incremental/publish.js';
import { copySampleProject, listFiles, SAMPLE_NOW } from './support/project.js';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const UPDATE = process.env.GAZETTE_UPDATE_GOLDEN === '1';
/** How many differing files a failure lists. */
const SHOWN = 20;

type Manifest = Record<string, string>;

async function hashFiles(folder: string): Promise<Manifest> {
  const manifest: Manifest = {};
  for (const file of await listFiles(folder)) {
    manifest[file] = createHash('sha256')
      .update(await readFile(path.join(folder, file)))
      .digest('hex')
      .slice(0, 16);
  }
  return manifest;
}

async function compareWithGolden(name: string, built: Manifest): Promise<void> {
  const file = path.join(GOLDEN, `${name}.json`);
  if (UPDATE) {
    await writeFile(file, `${JSON.stringify(built, null, 1)}\n`);
    return;
  }
  const golden = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  const names = [...new Set([...Object.keys(golden), ...Object.keys(built)])].sort();
  const differences = names.flatMap((entry) => {
    if (golden[entry] === built[entry]) return [];
    if (golden[entry] === undefined) return [`added    ${entry}`];
    if (built[entry] === undefined) return [`missing  ${entry}`];
    return [`changed  ${entry}`];
  });
  const shown = differences.slice(0, SHOWN).join('\n');
  const more = differences.length > SHOWN ? `\n… and ${differences.length - SHOWN} more` : '';
  assert.equal(
    differences.length,
    0,
    `the ${name} site differs from test/golden/${name}.json in ${differences.length} files:\n${shown}${more}\n(if the change is meant, run npm run golden:update and review the manifest's diff)`,
  );
}

describe('golden sites', () => {
  test('the sample site is built byte for byte as its manifest says', async () => {
    const project = await copySampleProject();
    try {
      await build(loadConfig(project.root, { now: SAMPLE_NOW }), { write: true, cache: false });
      await compareWithGolden('sample', await hashFiles(project.out));
    } finally {
      await project.remove();
    }
  });

  describe('a seeded corpus of 1,000 stories', () => {
    let root: string;
    before(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'gazette-golden-'));
      await generateCorpus(path.join(root, 'site'), { stories: 1000, seed: 1 });
    });
    after(() => rm(root, { recursive: true, force: true }));

    test('is built byte for byte as its manifest says', async () => {
      const site = path.join(root, 'site');
      await build(loadConfig(site, { now: CORPUS_NOW }), { write: true, cache: false });
      await compareWithGolden('corpus-1000', await hashFiles(path.join(site, 'dist')));
    });
  });
});
