// Eleventy on a copy of the corpus's stories, with the project in bench/peers/eleventy/site:
// story pages, a front page by day, a page per tag, a tags overview and one RSS feed (the RSS plugin).
// Eleventy is not a dependency of Gazette: it is installed into bench/peers/eleventy/ when missing.

import { execFile } from 'node:child_process';
import { access, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Generator, SiteSettings } from './generator.js';

const INSTALL = fileURLToPath(new URL('./eleventy', import.meta.url));
const MODULES = path.join(INSTALL, 'node_modules');
const PROJECT = path.join(INSTALL, 'site');

export async function setUpEleventy(corpus: string, folder: string, settings: SiteSettings): Promise<Generator> {
  await installEleventy();
  await cp(PROJECT, folder, { recursive: true });
  await cp(path.join(corpus, 'content'), path.join(folder, 'content'), { recursive: true });
  await mkdir(path.join(folder, 'content', '_data'), { recursive: true });
  await writeFile(path.join(folder, 'content', '_data', 'site.json'), `${JSON.stringify(settings, null, 2)}\n`);
  // The project's configuration imports the RSS plugin from here.
  await symlink(MODULES, path.join(folder, 'node_modules'), 'dir');
  const output = path.join(folder, '_site');
  // What `npx @11ty/eleventy` runs, without npm's own start-up.
  const build = [process.execPath, path.join(MODULES, '@11ty', 'eleventy', 'cmd.cjs'), '--quiet'];
  return {
    name: 'Eleventy',
    version: `Eleventy ${await versionOf('@11ty/eleventy')} with @11ty/eleventy-plugin-rss ${await versionOf('@11ty/eleventy-plugin-rss')}`,
    root: folder,
    output,
    feed: 'feed.xml',
    coldBuild: build,
    rebuild: build,
    // Eleventy keeps nothing between runs but its output.
    clean: () => rm(output, { recursive: true, force: true }),
  };
}

/** `npm ci` in bench/peers/eleventy/ (the versions of its package-lock.json) unless done before. */
async function installEleventy(): Promise<void> {
  if (
    await access(MODULES).then(
      () => true,
      () => false,
    )
  )
    return;
  try {
    await promisify(execFile)('npm', ['ci', '--no-audit', '--no-fund'], { cwd: INSTALL, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    await rm(MODULES, { recursive: true, force: true });
    throw new Error(`not installed: npm ci in bench/peers/eleventy failed: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`, { cause: error });
  }
}

async function versionOf(name: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(MODULES, name, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
