// Gazette's own code and the versions of the libraries it builds with, as one hash: every cached
// result and the record of the last build are keyed by it.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyMaker } from './keys.js';
import { VERSION } from './version.js';

let fingerprint: string | undefined;

/**
 * Gazette's own code and the versions of the libraries it builds with: a new release, a local
 * change to Gazette or an upgraded Markdown library all make every cached entry stale.
 */
export function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const key = keyMaker().add(VERSION);
  const ownFolder = fileURLToPath(new URL('.', import.meta.url));
  const ownFiles = readdirSync(ownFolder, { recursive: true })
    .map(String)
    .filter((file) => /\.[cm]?[jt]s$/.test(file))
    .sort();
  for (const file of ownFiles) key.add(file).add(readFileSync(path.join(ownFolder, file)));
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies).sort()) key.add(`${name}@${installedVersion(name)}`);
  return (fingerprint = key.key());
}

function installedVersion(name: string): string {
  try {
    let folder = path.dirname(fileURLToPath(import.meta.resolve(name)));
    for (;;) {
      try {
        const found = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (found.name === name) return found.version ?? 'unknown';
      } catch {
        // no package.json here: look one folder up
      }
      const parent = path.dirname(folder);
      if (parent === folder) return 'unknown';
      folder = parent;
    }
  } catch {
    return 'unknown';
  }
}
