// The build cache between runs: what a build with it skips, and that whatever happens to the cache
// or the output folder, its output is what a build without it writes.

import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { openCache } from '../../src/incremental/cache.js';
import { CACHE_DIR, cacheFolder } from '../../src/incremental/cache-folder.js';
import { build } from '../../src/incremental/publish.js';
import { RECORD_FILE } from '../../src/incremental/up-to-date.js';
import { outputIdentity } from '../../src/output/marker.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from '../support/project.js';

describe('the build cache', () => {
  let project: Project;
  const config = () => loadConfig(project.root, { now: SAMPLE_NOW });
  const cachedBuild = () => build(config());
  const coldSite = async () => {
    const out = path.join(project.root, 'cold');
    await build(loadConfig(project.root, { now: SAMPLE_NOW, out }), { write: true, cache: false });
    return snapshot(out);
  };
  const storyPage = async (word: string) => {
    const page = (await project.files()).find((file) => /^\d{4}\/\d\d\/\d\d\/.*index\.html$/.test(file) && file.includes(word));
    assert.ok(page, `no story page with "${word}"`);
    return page;
  };
  const assertSameAsCold = async () => {
    const [expected, actual] = await Promise.all([coldSite(), snapshot(project.out)]);
    assert.deepEqual([...actual.keys()], [...expected.keys()]);
    for (const [file, bytes] of expected) assert.ok(actual.get(file)?.equals(bytes), `${file} differs from a cold build`);
  };

  beforeEach(async () => {
    await project?.remove();
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('lives in .gazette/cache/, one folder per output folder', async () => {
    await cachedBuild();
    const folder = cacheFolder(config());
    assert.ok(folder.startsWith(path.join(project.root, CACHE_DIR, 'dist-')), folder);
    assert.ok((await readdir(folder)).includes('manifest.json'));
    assert.notEqual(cacheFolder(loadConfig(project.root, { now: SAMPLE_NOW, out: '.gazette/dev' })), folder);
  });

  it('makes a build with nothing changed write nothing, not even the sitemaps made again alike (when it cannot tell it is up to date)', async () => {
    const first = await cachedBuild();
    assert.ok(first.written.length > 20);
    const before = await snapshot(project.out);
    await rm(path.join(cacheFolder(config()), RECORD_FILE));
    const second = await cachedBuild();
    assert.equal(second.upToDate, undefined);
    assert.deepEqual(second.written, []);
    assert.deepEqual(second.removed, []);
    assert.deepEqual(await snapshot(project.out), before);
  });

  it('builds from a copy of the previous site when it is intact, a file replaced by a folder of its name included', async () => {
    await cachedBuild();
    await writeFile(path.join(project.root, 'static/press.txt'), 'a file at first');
    await cachedBuild();
    await rm(path.join(project.root, 'static/press.txt'));
    await mkdir(path.join(project.root, 'static/press.txt'));
    await writeFile(path.join(project.root, 'static/press.txt/kit.txt'), 'then a folder');
    await cachedBuild();
    await assertSameAsCold();
    assert.deepEqual(
      (await readdir(project.root)).filter((name) => name.startsWith('.dist.tmp')),
      [],
    );
  });

  it('rewrites an edited story page and the feeds that carry its text, not the other stories', async () => {
    await cachedBuild();
    const story = path.join(project.root, 'content/2020/10/03/niger-solar-mini-grids.md');
    await writeFile(story, `${await readFile(story, 'utf8')}\nA paragraph added by the desk.\n`);
    const report = await cachedBuild();
    assert.ok(report.written.includes(await storyPage('niger')), report.written.join(' '));
    assert.ok(report.written.includes('feed.xml'));
    assert.ok(!report.written.includes(await storyPage('oran')), report.written.join(' '));
    await assertSameAsCold();
  });

  it('publishing a story rewrites only pages whose bytes change, not every page that lists a story of its tags', async () => {
    await cachedBuild();
    const before = await snapshot(project.out);
    await project.addStory('2020/10/04/new-in-algeria.md', '---\ntitle: New in Algeria\ndate: 2020-10-04T09:00:00Z\ntags: [Algeria]\n---\n\nNews.\n');
    const report = await cachedBuild();
    const after = await snapshot(project.out);
    const pagesWritten = report.written.filter((file) => file.endsWith('.html'));
    const unchanged = pagesWritten.filter((file) => before.get(file)?.equals(after.get(file) as Buffer));
    assert.deepEqual(unchanged, [], 'pages written with the bytes they already had');
    assert.ok(pagesWritten.length > 0);
  });

  it('reports the warnings of a story read from the cache, with their place', async () => {
    await project.addStory(
      '2020/10/04/no-alt.md',
      '---\ntitle: Harbour at dawn\ndate: 2020-10-04T08:00:00Z\nimage: /images/harbour.jpg\ncustom: { desk: Oran }\n---\n\nThe harbour.\n',
    );
    const first = await cachedBuild();
    const second = await cachedBuild();
    // The sample's links to pages of its own address that it does not have are warned about too (link-broken).
    const formatted = (report: typeof first) => report.warnings.filter((warning) => warning.code !== 'link-broken').map((warning) => warning.format());
    assert.equal(formatted(first).length, 2);
    assert.deepEqual(formatted(second), formatted(first));
    assert.match(formatted(second)[0] ?? '', /^content\/2020\/10\/04\/no-alt\.md:\d+:\d+ {2}image {2}has no alt text/);
    assert.match(formatted(second)[1] ?? '', /^content\/2020\/10\/04\/no-alt\.md:5:1 {2}custom {2}unknown field "custom"/);
    await assertSameAsCold();
  });

  it('renders the Markdown again when the embed allow-list changes, and reports its notices from the cache', async () => {
    await project.addStory(
      '2020/10/04/vote-video.md',
      '---\ntitle: The vote on video\ndate: 2020-10-04T08:00:00Z\n---\n\n<iframe src="https://www.youtube.com/embed/abc" title="The vote"></iframe>\n',
    );
    await cachedBuild();
    const settings = path.join(project.root, 'gazette.config.yaml');
    await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^markdown:.*(\n[ \t]+.*)*/m, 'markdown: { embeds: [vimeo] }'));
    const refused = await cachedBuild();
    const again = await cachedBuild();
    const page = await project.read(await storyPage('vote-video'));
    assert.doesNotMatch(page, /<iframe/);
    for (const report of [refused, again])
      assert.deepEqual(
        // The sample's links to pages of its own address that it does not have are warned about too.
        report.warnings.filter((warning) => warning.code !== 'link-broken').map((warning) => [warning.code, warning.line]),
        [['embed-refused', 6]],
      );
    await assertSameAsCold();
  });

  it('writes again a file someone removed from the output folder', async () => {
    await cachedBuild();
    await rm(path.join(project.out, await storyPage('oran')));
    await cachedBuild();
    await assertSameAsCold();
  });

  it('does not trust an output folder that was replaced since the last build', async () => {
    await cachedBuild();
    await build(loadConfig(project.root, { now: SAMPLE_NOW }), { write: true, cache: false });
    const report = await cachedBuild();
    assert.ok(report.written.includes('index.html'), 'the output folder changed hands, so every file is written');
    await assertSameAsCold();
  });

  it('ignores a damaged manifest, and renders again Markdown whose cached HTML is damaged', async () => {
    await cachedBuild();
    const folder = cacheFolder(config());
    const blobs = (await readdir(path.join(folder, 'markdown'), { recursive: true })).filter((file) => file.endsWith('.json'));
    assert.ok(blobs.length > 0);
    for (const blob of blobs) await truncate(path.join(folder, 'markdown', blob), 10);
    // A template change makes every page render again, from the damaged HTML.
    const footer = path.join(project.root, 'templates/partials/footer.liquid');
    await writeFile(footer, `${await readFile(footer, 'utf8')}<!-- edited -->\n`);
    await cachedBuild();
    await assertSameAsCold();

    await writeFile(path.join(folder, 'manifest.json'), '{"format": 2, "code": ');
    await cachedBuild();
    await assertSameAsCold();
  });

  it('keeps the Markdown kept while it saves (the dev loop writes a page first while the last build saves)', async () => {
    const cache = await openCache(config());
    const rendered = (html: string) => ({ html, feedHtml: html, summary: '', notices: [], droppedUrl: null, images: [], links: [], words: 1 });
    const renderedAgain: string[] = [];
    const again = (hash: string) => () => {
      renderedAgain.push(hash);
      return { html: '', feedHtml: '' };
    };
    const old = cache.markdown.keep('old', rendered('<p>Old.</p>'), again('old'));
    await cache.save([], new Map([['old', old]]));
    const saving = cache.save([], new Map());
    const kept = cache.markdown.keep('kept-meanwhile', rendered('<p>Kept meanwhile.</p>'), again('kept-meanwhile'));
    await saving;
    assert.equal(kept.html.text, '<p>Kept meanwhile.</p>');
    assert.equal(old.html.text, '', 'what the save leaves out is dropped');
    assert.deepEqual(renderedAgain, ['old']);
  });

  it('keeps each save as a line of a journal after the manifest, and writes the manifest whole once the journal has grown', async () => {
    await cachedBuild();
    const folder = cacheFolder(config());
    const manifest = () => readFile(path.join(folder, 'manifest.json'), 'utf8');
    const journalLines = async () => (await readFile(path.join(folder, 'manifest-journal.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    const first = await manifest();
    assert.equal(await journalLines(), 0, 'the first build writes the manifest whole');
    const story = path.join(project.root, 'content/2020/10/03/niger-solar-mini-grids.md');
    let lines = 0;
    for (let edit = 1; (await manifest()) === first; edit += 1) {
      assert.ok(edit < 50, 'the journal is folded into the manifest at last');
      await writeFile(story, `${await readFile(story, 'utf8')}\nEdit ${edit}.\n`);
      await cachedBuild();
      if ((await manifest()) === first) assert.equal(await journalLines(), (lines += 1), `edit ${edit} adds a line`);
      await assertSameAsCold();
    }
    assert.ok(lines > 0, 'a few edits are journalled first');
    assert.equal(await journalLines(), 0, 'a manifest written whole starts a new journal');
  });

  it('leaves out a journal line cut short, and the output of a save that raced another', async () => {
    await cachedBuild();
    const folder = cacheFolder(config());
    const story = path.join(project.root, 'content/2020/10/03/niger-solar-mini-grids.md');
    await writeFile(story, `${await readFile(story, 'utf8')}\nAn edit.\n`);
    await cachedBuild();
    await writeFile(path.join(folder, 'manifest-journal.jsonl'), '{"base": "cut', { flag: 'a' });
    await writeFile(story, `${await readFile(story, 'utf8')}\nAnother edit.\n`);
    await cachedBuild();
    await assertSameAsCold();
    assert.ok((await openCache(config())).output, 'the output is known after the line cut short');

    // Two builds that read the same manifest each save the output they wrote: the second's change is
    // from an output the first replaced, so what the folder holds is not known (whatever its marker says).
    const [one, two] = [await openCache(config()), await openCache(config())];
    const marker = await outputIdentity(project.out);
    assert.ok(marker);
    await one.save([], new Map(), { identity: 'one', state: new Map([['a.html', 'key-a']]), pages: new Map() });
    await two.save([], new Map(), { identity: marker, state: new Map([['b.html', 'key-b']]), pages: new Map() });
    const after = await openCache(config());
    assert.equal(after.output, undefined);
    assert.equal(after.pagesMade, undefined);
  });

  it('forgets the output once a save does not know it, though nothing else changed', async () => {
    await cachedBuild();
    const marker = await outputIdentity(project.out);
    assert.ok(marker);
    const cache = await openCache(config());
    const output = { identity: marker, state: new Map([['a.html', 'key-a']]), pages: new Map() };
    // The first save's line (every story dropped) makes the second write the manifest whole: the third is a line again.
    await cache.save([], new Map(), output);
    await cache.save([], new Map(), output);
    assert.deepEqual([...((await openCache(config())).output ?? [])], [['a.html', 'key-a']]);
    await cache.save([], new Map());
    assert.equal((await openCache(config())).output, undefined);
  });

  it("removes the half-written saves of a process killed while saving, not a running process's", async () => {
    await cachedBuild();
    const folder = cacheFolder(config());
    const dead = ['manifest.json.999999999-0f2e8c1a-5b7d-4e3f-9a6b-1c2d3e4f5a6b', 'last-build.json.999999999-1a2b3c4d-5b7d-4e3f-9a6b-1c2d3e4f5a6b'];
    const running = `manifest.json.${process.pid}-2b3c4d5e-5b7d-4e3f-9a6b-1c2d3e4f5a6b`;
    for (const name of [...dead, running]) await writeFile(path.join(folder, name), '');
    await openCache(config());
    const left = await readdir(folder);
    assert.deepEqual(
      dead.filter((name) => left.includes(name)),
      [],
    );
    assert.ok(left.includes(running));
  });

  it('is neither read nor trusted with cache: false', async () => {
    await cachedBuild();
    const report = await build(config(), { write: true, cache: false });
    assert.ok(report.written.length > 20);
    await assertSameAsCold();
  });
});
