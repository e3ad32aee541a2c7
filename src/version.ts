// Gazette's own name, version and folder, read from package.json (one folder above src/ and lib/ alike).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const PACKAGE_NAME = manifest.name;
/** The folder Gazette runs from: this repository, or the installed package. */
export const PACKAGE_FOLDER = fileURLToPath(new URL('..', import.meta.url));
export const VERSION = manifest.version;
export const GENERATOR = `Gazette ${VERSION}`;
