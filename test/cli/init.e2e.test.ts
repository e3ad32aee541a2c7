// gazette init as a newsroom meets it: a new site in a folder, which builds, checks and serves as
// it is, offline; a folder with any of its files already there is left alone, and told which.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { parseYaml } from '../../src/yaml.js';
import { runGazette, startGazette, until } from '../support/cli-process.js';
import { REPO } from '../support/project.js';

const NOW = '2099-01-01T00:00:00Z';

describe('gazette init', { timeout: 180_000 }, () => {
  let work: string;
  let site: string;
  let init: Awaited<ReturnType<typeof runGazette>>;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'gazette-init-'));
    init = await runGazette(work, ['init', 'newsroom', '--title', 'الجريدة', '--language', 'ar', '--base-url', 'https://example.org/news']);
    site = path.join(work, 'newsroom');
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('writes the settings, an example story, package.json, .gitignore and a GitHub Pages workflow', async () => {
    assert.equal(init.code, 0, init.err);
    const files = (await readdir(site, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    const names = files.map((entry) => path.relative(site, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')).sort();
    assert.equal(names.length, 5);
    assert.deepEqual(
      names.filter((name) => !name.startsWith('content/')),
      ['.github/workflows/pages.yml', '.gitignore', 'gazette.config.yaml', 'package.json'],
    );
    assert.match(names.find((name) => name.startsWith('content/')) ?? '', /^content\/\d{4}\/\d\d\/\d\d\/welcome\.md$/);
    assert.deepEqual(parseYaml(await readFile(path.join(site, 'gazette.config.yaml'), 'utf8')).value, {
      title: 'الجريدة',
      baseUrl: 'https://example.org/news/',
      language: 'ar',
      timeZone: 'UTC',
    });
    assert.equal(await readFile(path.join(site, '.gitignore'), 'utf8'), 'node_modules/\ndist/\n.gazette/\n');
    const manifest = JSON.parse(await readFile(path.join(site, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.scripts, { build: 'gazette build', dev: 'gazette dev', check: 'gazette check', new: 'gazette new', theme: 'gazette theme' });
    assert.equal(path.resolve(site, manifest.dependencies['@gazette-news/gazette'].replace(/^file:/, '')), REPO);
    const workflow = parseYaml(await readFile(path.join(site, '.github/workflows/pages.yml'), 'utf8')).value as {
      jobs: { build: { steps: { uses?: string; run?: string; with?: { path?: string } }[] } };
    };
    const steps = workflow.jobs.build.steps;
    assert.equal(steps.find((step) => step.uses?.startsWith('actions/cache@'))?.with?.path, '.gazette');
    assert.ok(steps.some((step) => step.run?.startsWith('npm run build -- --base-url')));
    assert.equal(steps.find((step) => step.uses?.startsWith('actions/upload-pages-artifact@'))?.with?.path, 'dist');
  });

  it('gives a site that builds, checks and serves as it is, offline', async () => {
    const built = await runGazette(site, ['build', '--now', NOW]);
    assert.equal(built.code, 0, built.err);
    assert.equal((await runGazette(site, ['check', '--now', NOW])).code, 0);
    const $ = cheerio.load(await readFile(path.join(site, 'dist/index.html'), 'utf8'));
    assert.equal($('html').attr('dir'), 'rtl');
    assert.equal($('.card__title').text(), 'Welcome to your Gazette');

    const dev = startGazette(site, ['dev', '--port', '0', '--now', NOW]);
    try {
      await until(dev, ({ out }) => /Press Ctrl\+C to stop/.test(out));
      const address = /Serving .* at (http:\/\/\S+)/.exec(dev.output().out)?.[1] as string;
      assert.match(dev.output().out, /Watching content\/, templates\/, the default theme, static\/ and the configuration/);
      const page = await fetch(address);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html lang="ar" dir="rtl">/);
      // A word changed in the site's own table is on the page at the next rebuild.
      await mkdir(path.join(site, 'templates/i18n'), { recursive: true });
      await writeFile(path.join(site, 'templates/i18n/ar.yaml'), 'front_page: الأولى\n');
      for (let tries = 0; !(await (await fetch(address)).text()).includes('>الأولى</a>'); tries++) {
        assert.ok(tries < 600, 'the new word never came');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      dev.child.kill('SIGINT');
    }
    assert.equal((await dev.finished).code, 0);
  });

  it('refuses a folder that holds any of its files, naming them, and writes nothing', async () => {
    const taken = path.join(work, 'taken');
    await mkdir(taken);
    await writeFile(path.join(taken, 'package.json'), '{}\n');
    await writeFile(path.join(taken, '.gitignore'), 'x\n');
    const run = await runGazette(taken, ['init']);
    assert.equal(run.code, 2);
    assert.equal(
      run.err.trim(),
      '.  would overwrite package.json, .gitignore; nothing was written  (run "gazette init" in an empty folder, or give a new folder: gazette init my-site)  [usage]',
    );
    assert.deepEqual((await readdir(taken)).sort(), ['.gitignore', 'package.json']);
    assert.equal(await readFile(path.join(taken, 'package.json'), 'utf8'), '{}\n');
  });

  it('refuses a language or base URL that is not one', async () => {
    const run = await runGazette(work, ['init', 'other', '--language', 'not a language', '--base-url', 'example.org']);
    assert.equal(run.code, 2);
    assert.equal(
      run.err.trim(),
      'gazette init: --base-url: "example.org" is not an absolute URL\ngazette init: --language: "not a language" is not a language tag',
    );
  });
});
