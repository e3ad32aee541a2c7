// A project made of a fixture folder (test/fixtures/<name>/: its configuration and content) and
// the default theme, copied to a temporary folder to be built and edited there.

import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './project.js';

export interface FixtureSite {
  root: string;
  out: string;
  read(sitePath: string): Promise<string>;
  bytes(sitePath: string): Promise<Buffer>;
  remove(): Promise<void>;
}

export async function copyFixtureSite(name: string): Promise<FixtureSite> {
  const root = await mkdtemp(path.join(tmpdir(), `gazette-${name}-`));
  await cp(path.join(REPO, 'test/fixtures', name), root, { recursive: true });
  await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
  const out = path.join(root, 'dist');
  return {
    root,
    out,
    read: (sitePath) => readFile(path.join(out, sitePath), 'utf8'),
    bytes: (sitePath) => readFile(path.join(out, sitePath)),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
