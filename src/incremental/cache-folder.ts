// Where the build cache lives: .gazette/cache/, one folder per output folder. Safe to delete.

import path from 'node:path';
import type { Config } from '../config-types.js';
import { keyOf } from '../keys.js';

export const CACHE_DIR = '.gazette/cache';

/** One cache folder per output folder: the site and `gazette dev`'s copy of it differ in their URLs. */
export function cacheFolder(config: Pick<Config, 'root' | 'outDir'>): string {
  const outDir = path.resolve(config.outDir);
  const name = `${path.basename(outDir).replace(/^\.+/, '')}-${keyOf(outDir).slice(0, 10)}`;
  return path.join(config.root, CACHE_DIR, name);
}
