// A throw-away copy of the sample project (config, content, templates, static) in a temp folder,
// so end-to-end tests can add, break or remove stories without touching the repository.

import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildOptions, BuildReport } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import type { ConfigOverrides } from '../../src/config-types.js';
import { build } from '../../src/incremental/publish.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
/** The clock of every sample build: a few days after the sample stories. */
export const SAMPLE_NOW = '2020-10-05T12:00:00Z';

export interface Project {
  root: string;
  out: string;
  addStory(relativePath: string, text: string): Promise<void>;
  build(overrides?: ConfigOverrides): Promise<BuildReport>;
  read(sitePath: string): Promise<string>;
  files(): Promise<string[]>;
  remove(): Promise<void>;
}

export async function copySampleProject(): Promise<Project> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-project-'));
  for (const entry of ['gazette.config.yaml', 'content', 'templates', 'static']) {
    await cp(path.join(REPO, entry), path.join(root, entry), { recursive: true });
  }
  const out = path.join(root, 'dist');
  return {
    root,
    out,
    async addStory(relativePath, text) {
      const file = path.join(root, 'content', relativePath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    },
    build: (overrides = {}) => build(loadConfig(root, { now: SAMPLE_NOW, ...overrides })),
    read: (sitePath) => readFile(path.join(out, sitePath), 'utf8'),
    files: () => listFiles(out),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Every file of a folder with its bytes, for byte-for-byte comparisons. */
export async function snapshot(folder: string): Promise<Map<string, Buffer>> {
  const files = await listFiles(folder);
  return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(folder, file))] as const)));
}

/** The same files in both folders' snapshots, byte for byte. */
export function assertSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>, label = ''): void {
  assert.deepEqual([...actual.keys()], [...expected.keys()], `${label}the same files`);
  for (const [file, bytes] of expected) assert.ok(actual.get(file)?.equals(bytes), `${label}${file} differs`);
}

/** Builds the project twice without the cache, into two folders, with the options of each: the same site, byte for byte. */
export async function assertBuildsAlike(project: Project, first: BuildOptions, second: BuildOptions): Promise<void> {
  const outputs = [path.join(project.root, 'alike-1'), path.join(project.root, 'alike-2')] as const;
  await build(loadConfig(project.root, { now: SAMPLE_NOW, out: outputs[0] }), { write: true, cache: false, ...first });
  await build(loadConfig(project.root, { now: SAMPLE_NOW, out: outputs[1] }), { write: true, cache: false, ...second });
  const [one, two] = await Promise.all(outputs.map(snapshot));
  assertSameFiles(two as Map<string, Buffer>, one as Map<string, Buffer>);
}
