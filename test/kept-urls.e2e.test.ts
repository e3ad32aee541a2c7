import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import { loadConfig } from '../src/config.js';
import { BuildFailed } from '../src/errors.js';
import { build } from '../src/incremental/publish.js';
import { REPO } from './support/project.js';
import { SMALL_SITE_CONFIG, SMALL_SITE_NOW } from './support/small-site.js';

const STORY = (title: string, extra = '') => `---\ntitle: "${title}"\ndate: 2021-05-01T10:00:00+02:00\n${extra}---\n\nThe storm reached the coast at dawn.\n`;

describe('URLs are forever', () => {
  let root: string;
  const file = (name: string) => path.join(root, 'content', name);
  const buildAgain = (options: { allowMoved?: boolean; previousSitemap?: string; cache?: boolean } = {}) =>
    build(loadConfig(root, { now: SMALL_SITE_NOW }), { write: true, ...options });
  const problemsOf = async (options: Parameters<typeof buildAgain>[0] = {}) => {
    try {
      await buildAgain(options);
      return [];
    } catch (error) {
      assert.ok(error instanceof BuildFailed, String(error));
      return error.problems.map((problem) => problem.format());
    }
  };

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gazette-kept-'));
    await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
    await writeFile(path.join(root, 'gazette.config.yaml'), SMALL_SITE_CONFIG);
    await mkdir(path.join(root, 'content'), { recursive: true });
    await writeFile(file('storm-hits-coast.md'), STORY('Storm hits the coast'));
    await buildAgain();
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('keeps a story at its URL, with its feed id, when its headline is edited', async () => {
    const feedIds = async () => {
      const feed = load(await readFile(path.join(root, 'dist/atom.xml'), 'utf8'), { xml: true });
      return feed('entry > id')
        .map((_, id) => feed(id).text())
        .get();
    };
    assert.deepEqual(await feedIds(), ['https://example.org/2021/05/01/storm-hits-coast/']);
    await writeFile(file('storm-hits-coast.md'), STORY('Storm batters the whole coast, killing two'));
    await buildAgain();
    const page = load(await readFile(path.join(root, 'dist/2021/05/01/storm-hits-coast/index.html'), 'utf8'));
    assert.equal(page('h1').first().text().trim(), 'Storm batters the whole coast, killing two');
    assert.deepEqual(await feedIds(), ['https://example.org/2021/05/01/storm-hits-coast/']);
  });

  it('refuses to move a published story until its old URL is an alias, then redirects it', async () => {
    await rename(file('storm-hits-coast.md'), file('coastal-storm.md'));
    for (const cache of [true, false]) {
      assert.deepEqual(await problemsOf({ cache }), [
        'content/storm-hits-coast.md  aliases  the story published at /2021/05/01/storm-hits-coast/ ("Storm batters the whole coast, killing two") is no longer in the content folder (renamed or removed)  (add the line "aliases: [/2021/05/01/storm-hits-coast/]" to the story it was (merge into its aliases), or build with --allow-moved to let it go)  [permalink-moved]',
      ]);
    }
    // Nothing was written: the old page is still there.
    await readFile(path.join(root, 'dist/2021/05/01/storm-hits-coast/index.html'), 'utf8');
    await writeFile(file('coastal-storm.md'), STORY('Storm batters the whole coast, killing two', 'aliases: [/2021/05/01/storm-hits-coast/]\n'));
    await buildAgain();
    const redirect = load(await readFile(path.join(root, 'dist/2021/05/01/storm-hits-coast/index.html'), 'utf8'));
    assert.match(redirect('meta[http-equiv="refresh"]').attr('content') ?? '', /\/2021\/05\/01\/coastal-storm\//);
  });

  it('names the story still there whose slug changed, and lets --allow-moved accept it as a warning', async () => {
    await writeFile(file('coastal-storm.md'), STORY('Storm', 'slug: storm\naliases: [/2021/05/01/storm-hits-coast/]\n'));
    assert.deepEqual(await problemsOf(), [
      'content/coastal-storm.md  aliases  its published URL /2021/05/01/coastal-storm/ would disappear (its slug, url or the permalink setting changed)  (add the line "aliases: [/2021/05/01/coastal-storm/]" to its front-matter (merge into its aliases), or build with --allow-moved to let it go)  [permalink-moved]',
    ]);
    const report = await buildAgain({ allowMoved: true });
    assert.deepEqual(
      report.warnings.filter((warning) => warning.code === 'permalink-moved').map((warning) => warning.file),
      ['content/coastal-storm.md'],
    );
    // Accepted once: the record now holds the new URL only.
    assert.deepEqual(await problemsOf(), []);
  });

  it("compares with another generator's sitemap: a story URL is an error, a listing a warning", async () => {
    const sitemap = path.join(root, 'old-sitemap.xml');
    await writeFile(
      sitemap,
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${[
        '2021/05/01/storm/',
        '2019/01/02/Old_Post.html',
        'category/weather/',
        'tags/storm/',
      ]
        .map((url) => `<url><loc>https://example.org/${url}</loc></url>`)
        .join('')}</urlset>`,
    );
    assert.deepEqual(await problemsOf({ previousSitemap: sitemap }), [
      '/2019/01/02/Old_Post.html  the previous site\'s URL /2019/01/02/Old_Post.html would disappear: no story has it as its URL or an alias  (add the line "aliases: [/2019/01/02/Old_Post.html]" to the story it was (merge into its aliases), or build with --allow-moved to let it go)  [permalink-moved]'.replace(
        /^\/2019\/01\/02\/Old_Post.html {2}/,
        '',
      ),
    ]);
    await writeFile(
      file('coastal-storm.md'),
      STORY('Storm', 'slug: storm\ntags: [Storm]\naliases: [/2021/05/01/storm-hits-coast/, /2021/05/01/coastal-storm/, /2019/01/02/Old_Post.html]\n'),
    );
    const report = await buildAgain({ previousSitemap: sitemap });
    assert.deepEqual(
      report.warnings.filter((warning) => warning.code === 'permalink-moved').map((warning) => warning.message),
      ["the previous site's listing /category/weather/ is not on this site"],
    );
    assert.ok((await readFile(path.join(root, 'dist/2019/01/02/Old_Post.html'), 'utf8')).includes('/2021/05/01/storm/'));
  });
});
