// `gazette import` on small sites written for these tests in each source format: every old URL the
// source's own permalink rules gave (listed in the fixture's old-urls.tsv) answers in dist/, as the
// story's page or as a redirect to it, read with an HTML parser; the source is never changed.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import { loadConfig } from '../../src/config.js';
import { type Generator, importSite } from '../../src/import/run.js';
import { build } from '../../src/incremental/publish.js';
import { pageFile } from '../../src/urls/paths.js';
import { runGazette } from '../support/cli-process.js';
import { REPO, snapshot } from '../support/project.js';
import { SMALL_SITE_NOW } from '../support/small-site.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/import');

const digest = async (folder: string) =>
  new Map([...(await snapshot(folder))].map(([file, bytes]) => [file, createHash('sha256').update(bytes).digest('hex')]));

for (const generator of ['jekyll', 'hugo', 'zola', 'pelican'] as const satisfies readonly Generator[]) {
  describe(`gazette import ${generator}`, () => {
    let root: string;
    let source: string;
    let sourceBefore: Map<string, string>;
    before(async () => {
      root = await mkdtemp(path.join(tmpdir(), `gazette-import-${generator}-`));
      source = path.join(root, 'old-site');
      await cp(path.join(FIXTURES, generator), source, { recursive: true });
      sourceBefore = await digest(source);
      await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
      await writeFile(path.join(root, 'gazette.config.yaml'), 'title: Imported\nbaseUrl: https://news.example.org/\ntimeZone: Europe/London\nlanguage: en\n');
      await mkdir(path.join(root, 'content'));
    });
    after(() => rm(root, { recursive: true, force: true }));

    it('imports every post, keeps every old URL, and the result builds', async () => {
      const report = await importSite(generator, source, path.join(root, 'content'));
      const expected = (await readFile(path.join(FIXTURES, generator, 'old-urls.tsv'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => line.split('\t') as [string, string]);
      assert.equal(report.urlsKept, report.stories.length);
      await build(loadConfig(root, { now: SMALL_SITE_NOW }));
      const out = path.join(root, 'dist');
      for (const [url, headline] of expected) {
        const file = path.join(out, pageFile(url.slice(1)));
        assert.ok(existsSync(file), `${url} answers in dist/`);
        let page = load(await readFile(file, 'utf8'));
        const refresh = page('meta[http-equiv="refresh"]').attr('content');
        if (refresh !== undefined) {
          const target = /url=(\S+)/.exec(refresh)?.[1] ?? '';
          page = load(await readFile(path.join(out, pageFile(target.slice(1))), 'utf8'));
        }
        assert.equal(page('h1').first().text().trim(), headline, url);
        assert.ok(page('article p').text().length > 0, `${url} has the story's text`);
      }
    });

    it('never changes the source, never runs its configuration, and refuses to overwrite', async () => {
      assert.deepEqual(await digest(source), sourceBefore);
      assert.equal(existsSync(path.join(source, 'PELICANCONF-RAN')), false);
      const content = await digest(path.join(root, 'content'));
      await assert.rejects(importSite(generator, source, path.join(root, 'content')), /the import would overwrite \d+ files?; nothing was written/);
      assert.deepEqual(await digest(path.join(root, 'content')), content);
    });
  });
}

describe('gazette import: template tags', () => {
  it('converts the tags it knows and lists the others', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gazette-import-tags-'));
    try {
      const report = await importSite('jekyll', path.join(FIXTURES, 'jekyll'), root);
      const story = report.stories.find((item) => item.source.endsWith('My_First_Post.markdown'));
      assert.ok(story);
      assert.match(story.body, /```ruby\nputs "storm"\n```/);
      assert.match(story.body, /\[the release\]\(\/releases\/1\.2\.html\)/);
      assert.match(story.body, /!\[The map of the coast\]\(map\.png\)/);
      assert.deepEqual(story.fields.authors, ['Eric Moreau']);
      assert.deepEqual(
        report.notes.map((note) => [note.kind, note.detail]),
        [['template tag not converted', '{% gist 12345 %}']],
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('gazette import and build on the command line', () => {
  it('imports, reports, builds, and lists with --verbose what it does not read', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gazette-import-cli-'));
    try {
      await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
      await writeFile(path.join(root, 'gazette.config.yaml'), 'title: Imported\nbaseUrl: https://news.example.org/\ntimeZone: Europe/London\nlanguage: en\n');
      const imported = await runGazette(root, ['import', 'jekyll', path.join(FIXTURES, 'jekyll')]);
      assert.equal(imported.code, 0, imported.err);
      assert.equal(imported.out.trim(), 'Imported 2 stories into content/, 2 with the URL they had (url:)');
      assert.match(imported.err, /^warning: template tag not converted: 1\n {2}_posts\/2020-10-03-My_First_Post\.markdown: \{% gist 12345 %\}/);
      await mkdir(path.join(root, 'content/_drafts'));
      await writeFile(path.join(root, 'content/_drafts/later.md'), '---\ntitle: Later\n---\n');
      const built = await runGazette(root, ['build', '--verbose', '--now', SMALL_SITE_NOW]);
      assert.equal(built.code, 0, built.err);
      assert.match(built.err, /warning: 1 file not read as stories: 1 in content\/_drafts\/ .*\[content-ignored\]/);
      assert.match(built.err, /^not read: content\/_drafts\/later\.md$/m);
      const again = await runGazette(root, ['import', 'jekyll', path.join(FIXTURES, 'jekyll')]);
      assert.equal(again.code, 2);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
