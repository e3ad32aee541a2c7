// Gazette as a new user gets it: `npm pack` (its prepack compiling lib/ afresh) in a copy of the
// repository, the tarball installed into an empty folder far from this repository's node_modules
// (its runtime dependencies from the registry), then `gazette init`, `build` and `check` there.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { assertValidJsonFeed, parseAtomXml, parseRssItems } from '../support/feeds.js';
import { REPO } from '../support/project.js';

const run = promisify(execFile);
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'bin', 'scripts', 'src', 'templates'];

describe('the npm package', { timeout: 600_000 }, () => {
  let work: string;
  let tarball: string;
  let entries: string[];
  let installed: string;
  let site: string;
  const gazette = (cwd: string, ...argv: string[]) => run(path.join(installed, 'node_modules/.bin/gazette'), argv, { cwd });

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gazette-package-'));
    // A copy of the repository, so that packing (which empties lib/) leaves this one's lib/ alone.
    const source = path.join(work, 'source');
    for (const name of SOURCES) await cp(path.join(REPO, name), path.join(source, name), { recursive: true });
    await symlink(path.join(REPO, 'node_modules'), path.join(source, 'node_modules'));
    await mkdir(path.join(source, 'lib'));
    await writeFile(path.join(source, 'lib/removed-module.js'), 'export {};\n');
    const packed = await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: source });
    tarball = path.join(work, packed.stdout.trim().split('\n').at(-1) as string);
    entries = (await run('tar', ['-tzf', tarball])).stdout.trim().split('\n').sort();

    installed = path.join(work, 'newsroom');
    await mkdir(installed);
    await run('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', tarball], { cwd: installed });
    await gazette(installed, 'init', 'site', '--title', 'The Harbour Times', '--base-url', 'https://example.org/harbour/');
    site = path.join(installed, 'site');
  });

  after(() => rm(work, { recursive: true, force: true }));

  it('holds the compiled code, the CLI, the default theme, README and LICENSE, and nothing else', () => {
    const top = new Set(
      entries.map((entry) =>
        entry
          .split('/')
          .slice(1, entry.split('/').length > 2 ? 2 : undefined)
          .join('/'),
      ),
    );
    assert.deepEqual([...top].sort(), ['LICENSE', 'README.md', 'bin', 'lib', 'package.json', 'templates']);
    assert.ok(entries.includes('package/lib/cli/main.js'));
    assert.ok(entries.includes('package/templates/i18n/ar.yaml'));
    assert.ok(!entries.includes('package/lib/removed-module.js'), 'prepack builds lib/ afresh');
    assert.ok(!entries.some((entry) => entry.endsWith('.ts')), 'no TypeScript source');
  });

  it('installs without TypeScript or any dev dependency', async () => {
    const modules = await readdir(path.join(installed, 'node_modules'));
    for (const dev of ['typescript', 'tsx', '@biomejs', 'fast-check']) assert.ok(!modules.includes(dev), dev);
  });

  it('runs init, then build and check in the new site, which reads back with the parsers', async () => {
    const files = (await readdir(site, { recursive: true })).map(String).sort();
    for (const file of ['.github/workflows/pages.yml', '.gitignore', 'gazette.config.yaml', 'package.json']) assert.ok(files.includes(file), file);
    const manifest = JSON.parse(await readFile(path.join(site, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.scripts, { build: 'gazette build', dev: 'gazette dev', check: 'gazette check', new: 'gazette new', theme: 'gazette theme' });
    assert.match(manifest.dependencies['@gazette-news/gazette'], /^file:/);

    const built = await gazette(site, 'build', '--now', '2099-01-01T00:00:00Z');
    assert.match(built.stdout, /Built 1 story/);
    await gazette(site, 'check', '--now', '2099-01-01T00:00:00Z');

    const dist = path.join(site, 'dist');
    const $ = cheerio.load(await readFile(path.join(dist, 'index.html'), 'utf8'));
    assert.equal($('.masthead__title').text(), 'The Harbour Times');
    assert.equal($('link[rel="canonical"]').attr('href'), 'https://example.org/harbour/');
    const storyUrl = $('.card__title a').attr('href') as string;
    assert.match(storyUrl, /^\/harbour\/\d{4}\/\d\d\/\d\d\/welcome\/$/);
    const story = cheerio.load(await readFile(path.join(dist, storyUrl.replace('/harbour/', ''), 'index.html'), 'utf8'));
    assert.equal(story('.story__title').text(), 'Welcome to your Gazette');
    assert.equal(story('.meta__byline').text(), 'By The Editors');

    const items = parseRssItems(await readFile(path.join(dist, 'feed.xml'), 'utf8'));
    assert.deepEqual(
      items.map((item) => item.link),
      [`https://example.org${storyUrl}`],
    );
    assert.equal(parseAtomXml(await readFile(path.join(dist, 'atom.xml'), 'utf8')).entry?.length, 1);
    assertValidJsonFeed(await readFile(path.join(dist, 'feed.json'), 'utf8'));
  });
});
