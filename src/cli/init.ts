// gazette init [folder]: a new site that builds as it is (the settings, an example story, a
// package.json that installs Gazette, a .gitignore and a GitHub Pages workflow), never over a file.

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { checkBaseUrl, checkLanguage } from '../config-settings.js';
import { GazetteError } from '../errors.js';
import { PACKAGE_FOLDER, PACKAGE_NAME } from '../version.js';
import type { Command } from './command.js';
import { EXIT, type Io } from './io.js';
import { siteSkeleton } from './site-skeleton.js';

export interface InitOptions {
  title?: string;
  baseUrl?: string;
  language?: string;
  /** An npm install spec for Gazette (a git URL, a tarball); default: the folder this Gazette runs from. */
  gazette?: string;
}

export const command: Command = {
  name: 'init',
  operands: '[folder]',
  summary: 'start a new site in the folder (default: here); overwrites nothing',
  options: [
    { name: 'title', type: 'string', placeholder: '<text>', summary: "the new site's title (default: My Gazette)" },
    { name: 'language', type: 'string', placeholder: '<tag>', summary: "the new site's language (default: en)" },
    {
      name: 'gazette',
      type: 'string',
      placeholder: '<spec>',
      summary: 'what the new site installs Gazette from: a git URL or a tarball (default: this Gazette)',
    },
  ],
  run: ({ positionals, values }, io) => {
    if (positionals.length > 1) {
      io.err('gazette init: give one folder at most, e.g. gazette init my-site');
      return Promise.resolve(EXIT.usage);
    }
    const text = (name: string) => values[name] as string | undefined;
    return runInit(positionals[0], { title: text('title'), baseUrl: text('base-url'), language: text('language'), gazette: text('gazette') }, io);
  },
};

/** Until a site is published somewhere, its address is a placeholder that says so. */
export const PLACEHOLDER_BASE_URL = 'https://example.org/';

async function runInit(folder: string | undefined, options: InitOptions, io: Io): Promise<number> {
  const root = path.resolve(io.cwd, folder ?? '.');
  const problems: string[] = [];
  const report = (field: string, message: string) => problems.push(`${field}: ${message}`);
  const baseUrl = checkBaseUrl(options.baseUrl ?? PLACEHOLDER_BASE_URL, '--base-url', report);
  const language = checkLanguage(options.language ?? 'en', (_field, message) => report('--language', message));
  if (problems.length > 0) {
    for (const problem of problems) io.err(`gazette init: ${problem}`);
    return EXIT.usage;
  }
  // npx runs a package from its cache, which it may clear: a site cannot install Gazette from there.
  if (options.gazette === undefined && PACKAGE_FOLDER.split(path.sep).includes('_npx')) {
    io.err('gazette init: say what the site installs Gazette from: --gazette <git URL or tarball>, as given to npx --package');
    return EXIT.usage;
  }
  const gazette = options.gazette ?? `file:${path.relative(root, PACKAGE_FOLDER).split(path.sep).join('/') || '.'}`;
  const files = siteSkeleton({
    title: options.title ?? 'My Gazette',
    baseUrl,
    language,
    gazette,
    packageName: PACKAGE_NAME,
    folderName: path.basename(root),
    now: DateTime.utc(),
  });
  const taken = files.filter((file) => existsSync(path.join(root, file.path))).map((file) => file.path);
  if (taken.length > 0) {
    throw new GazetteError({
      code: 'usage',
      file: path.relative(io.cwd, root) || '.',
      message: `would overwrite ${taken.join(', ')}; nothing was written`,
      hint: 'run "gazette init" in an empty folder, or give a new folder: gazette init my-site',
    });
  }
  for (const file of files) {
    const target = path.join(root, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text, { flag: 'wx' });
    io.out(`Created ${path.relative(io.cwd, target).split(path.sep).join('/')}`);
  }
  const where = path.relative(io.cwd, root);
  io.out('');
  io.out(`Gazette is installed from ${gazette} (package.json); change it to a git URL or a tarball for CI.`);
  if (options.baseUrl === undefined) io.out(`Set baseUrl in gazette.config.yaml to the address the site is published at (now ${PLACEHOLDER_BASE_URL}).`);
  io.out(`Next: ${where ? `cd ${where} && ` : ''}npm install && npm run dev`);
  return EXIT.ok;
}
