// The packaged theme as the fallback file by file: a site without templates/ builds with it, a
// site's file replaces the packaged one of its name (a partial, a stylesheet, words of a translation
// table), `strings:` changes single words, and the build cache sees an override come and go.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { EXIT, type Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { REPO } from '../support/project.js';

const NOW = '2021-06-02T12:00:00Z';
const CONFIG = 'title: The Test Wire\nbaseUrl: https://example.org/\nlanguage: en\n';
const STORIES = {
  '2021/06/01/port.md': '---\ntitle: Port reopens\nslug: port\ndate: 2021-06-01T09:00:00Z\nauthors: [Ada Byron]\ntags: [Harbour]\n---\n\nThe port reopened.\n',
  '2021/06/01/ferry.md': '---\ntitle: Ferry resumes\ndate: 2021-06-01T10:00:00Z\ntags: [Harbour]\n---\n\nThe ferry resumed.\n',
};

async function gazette(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line), cwd };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function makeSite(config = CONFIG): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-layers-'));
  await writeFile(path.join(root, 'gazette.config.yaml'), config);
  for (const [file, text] of Object.entries(STORIES)) {
    await mkdir(path.dirname(path.join(root, 'content', file)), { recursive: true });
    await writeFile(path.join(root, 'content', file), text);
  }
  return root;
}

async function put(root: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
}

const page = async (root: string, file: string) => cheerio.load(await readFile(path.join(root, 'dist', file), 'utf8'));
const STORY = '2021/06/01/port/index.html';

describe('the packaged theme as the fallback, file by file', { timeout: 240_000 }, () => {
  let plain: string;
  const sites: string[] = [];
  const site = async (config?: string) => {
    const root = await makeSite(config);
    sites.push(root);
    return root;
  };

  before(async () => {
    plain = await site();
    const built = await gazette(plain, 'build', '--now', NOW);
    assert.equal(built.code, EXIT.ok, built.err);
  });
  after(() => Promise.all(sites.map((root) => rm(root, { recursive: true, force: true }))));

  it('builds a site without templates/ with the default theme', async () => {
    const $ = await page(plain, STORY);
    assert.equal($('.site-footer__links li').first().text(), 'Every edition');
    assert.equal($('#related-title').text(), 'Related stories');
    assert.equal(await readFile(path.join(plain, 'dist/assets/style.css'), 'utf8'), await readFile(path.join(REPO, 'templates/assets/style.css'), 'utf8'));
  });

  it("takes one partial (with a setting of params:) and one word from the site, and the rest from the default theme; an override removed, the default's again", async () => {
    const root = await site(`${CONFIG}strings:\n  related_stories: More from the harbour\nparams:\n  desk: { phone: "+1 555 0100" }\n`);
    await put(
      root,
      'templates/partials/footer.liquid',
      '<footer class="site-footer">Our own footer for {{ site.title }}, {{ site.params.desk.phone }}</footer>\n',
    );
    await put(root, 'templates/assets/style.css', 'body { color: teal; }\n');
    const built = await gazette(root, 'build', '--now', NOW);
    assert.equal(built.code, EXIT.ok, built.err);

    const $ = await page(root, STORY);
    const $default = await page(plain, STORY);
    assert.equal($('.site-footer').text(), 'Our own footer for The Test Wire, +1 555 0100');
    assert.equal($('#related-title').text(), 'More from the harbour');
    assert.equal($('.masthead').html(), $default('.masthead').html());
    assert.equal($('.story').html(), $default('.story').html());
    assert.equal($('.story-nav').html(), $default('.story-nav').html());
    assert.equal(await readFile(path.join(root, 'dist/assets/style.css'), 'utf8'), 'body { color: teal; }\n');
    assert.equal(await readFile(path.join(root, 'dist/assets/search.js'), 'utf8'), await readFile(path.join(REPO, 'templates/assets/search.js'), 'utf8'));

    // The build cache and its up-to-date check see the site's layer change.
    await unlink(path.join(root, 'templates/partials/footer.liquid'));
    await unlink(path.join(root, 'templates/assets/style.css'));
    const again = await gazette(root, 'build', '--now', NOW);
    assert.equal(again.code, EXIT.ok, again.err);
    assert.equal((await page(root, STORY))('.site-footer').html(), $default('.site-footer').html());
    assert.equal(await readFile(path.join(root, 'dist/assets/style.css'), 'utf8'), await readFile(path.join(REPO, 'templates/assets/style.css'), 'utf8'));
  });

  it("merges a site's translation table word by word over the packaged one", async () => {
    const root = await site(CONFIG.replace('language: en', 'language: fr'));
    await put(root, 'templates/i18n/fr.yaml', 'related_stories: À lire aussi\n');
    const built = await gazette(root, 'build', '--now', NOW);
    assert.equal(built.code, EXIT.ok, built.err);
    const $ = await page(root, STORY);
    assert.equal($('#related-title').text(), 'À lire aussi');
    assert.equal($('.site-footer__links li').first().text(), 'Toutes les éditions');
    assert.equal($('.meta__byline').first().text(), 'Par Ada Byron');
  });

  it('refuses a word the theme does not have, and a templates folder the configuration names that is not there', async () => {
    const typo = await site(`${CONFIG}strings:\n  related_storys: More\n`);
    const built = await gazette(typo, 'check', '--now', NOW);
    assert.equal(built.code, EXIT.problems);
    assert.equal(
      built.err.split('\n')[0],
      'gazette.config.yaml:5:3  strings.related_storys  no word of the theme is called "related_storys"  (the words are the keys of the theme\'s i18n/en.yaml: "gazette theme eject i18n/en.yaml" copies it into templates/)  [config-invalid]',
    );
    const asks = await site();
    await put(asks, 'templates/partials/footer.liquid', '<footer>\n{{ "nope" | t }}</footer>\n');
    const rendered = await gazette(asks, 'check', '--now', NOW);
    assert.equal(rendered.code, EXIT.problems);
    assert.match(rendered.err, /^templates\/partials\/footer\.liquid:2:1 {2}no word "nope" in the translation table/m);
    const missing = await site(`${CONFIG}templates: theme\n`);
    const checked = await gazette(missing, 'check', '--now', NOW);
    assert.equal(checked.code, EXIT.problems);
    assert.match(checked.err, /^theme {2}the templates folder does not exist/m);
  });

  it('ejects files of the default theme for editing, never over a file', async () => {
    const root = await site();
    const listed = await gazette(root, 'theme', 'eject');
    assert.equal(listed.code, EXIT.ok);
    for (const file of ['story.liquid', 'partials/byline.liquid', 'assets/style.css', 'i18n/ar.yaml'])
      assert.match(listed.out, new RegExp(`^ {2}${file}$`, 'm'));
    const ejected = await gazette(root, 'theme', 'eject', 'partials/byline', 'i18n/fr.yaml');
    assert.equal(ejected.code, EXIT.ok, ejected.err);
    assert.equal(ejected.out, 'Copied templates/partials/byline.liquid\nCopied templates/i18n/fr.yaml');
    assert.equal(
      await readFile(path.join(root, 'templates/partials/byline.liquid'), 'utf8'),
      await readFile(path.join(REPO, 'templates/partials/byline.liquid'), 'utf8'),
    );
    assert.match((await gazette(root, 'theme', 'eject')).out, /^ {2}partials\/byline\.liquid {2}\(templates\/partials\/byline\.liquid replaces it\)$/m);
    const again = await gazette(root, 'theme', 'eject', 'story', 'partials/byline.liquid');
    assert.equal(again.code, EXIT.usage);
    assert.match(again.err, /would overwrite partials\/byline\.liquid; nothing was copied/);
    const unknown = await gazette(root, 'theme', 'eject', 'nope.liquid');
    assert.match(unknown.err, /nope\.liquid {2}is not a file of the default theme/);
  });
});
