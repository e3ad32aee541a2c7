// Gazette's own name and version, read from package.json (one folder above src/ and lib/ alike).

import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const VERSION = manifest.version;
export const GENERATOR = `Gazette ${VERSION}`;
