// The search index: what Pagefind is given for each story (read back with cheerio), when the index
// is made again and when the output folder's copy is kept, and what a build writes with search on
// and off.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { loadConfig } from '../../src/config.js';
import { GazetteError } from '../../src/errors.js';
import { createBuilder } from '../../src/incremental/builder.js';
import { LazyHtml } from '../../src/markdown/lazy-html.js';
import { buildSiteGraph } from '../../src/model/site.js';
import type { Site, Story } from '../../src/model/types.js';
import type { OutputFile } from '../../src/output/files.js';
import type { RenderedBody } from '../../src/render/view-types.js';
import { searchDocuments } from '../../src/search/documents.js';
import { MONTHLY_ABOVE, searchIndexKey, searchIndexNames, searchIndexScripts } from '../../src/search/indexes.js';
import { holdsSearchIndex, renderEachSearchIndex, renderSearchIndex } from '../../src/search/pagefind.js';
import { SEARCH_FOLDER } from '../../src/urls/paths.js';
import { makeConfig } from '../support/config.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from '../support/project.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const config = makeConfig({ title: 'The Test Wire', baseUrl: 'https://example.org/news/', language: 'en-GB', timeZone: 'Africa/Algiers' });
const HOSTILE = `Oil <script>alert("t")</script> & "gas" <img src=x onerror=alert(1)>`;

function siteOf(stories: StoryFields[], siteConfig = config): { site: Site; bodies: Map<Story, RenderedBody> } {
  const site = buildSiteGraph(
    stories.map((fields) => makeStory({ zone: 'Africa/Algiers', ...fields })),
    siteConfig,
  );
  const bodies = new Map(
    site.stories.map((story) => [story, { html: new LazyHtml(`hash-of-${story.slug}`, `<p>Body of ${story.slug}</p>`), summary: `Summary of ${story.slug}` }]),
  );
  return { site, bodies };
}

const STORIES: StoryFields[] = [
  { title: HOSTILE, date: '2020-10-02T09:00:00', section: 'Business', tags: ['Oil', 'Libya'], authors: ['Ines Trabelsi', 'Moussa Diarra'] },
  { title: 'Cocoa price', date: '2020-10-01T10:00:00' },
];

describe('searchDocuments', () => {
  it('gives Pagefind each story with its headline, text, date, byline, section and tags, all as text', () => {
    const { site, bodies } = siteOf(STORIES);
    const [hostile, plain] = searchDocuments(site, bodies, config);
    assert.equal(hostile?.url, `/news/${site.stories[0]?.permalink}`);
    const $ = cheerio.load(hostile?.html() ?? '');
    assert.equal($('html').attr('lang'), 'en-GB');
    assert.equal($('[data-pagefind-body] h1').text(), HOSTILE);
    assert.equal($('[data-pagefind-body] script, [data-pagefind-body] img').length, 0);
    assert.match($('[data-pagefind-body]').text(), /Summary of .*Body of /s);
    assert.equal($('[data-pagefind-meta="date"]').text(), '2 October 2020', "in the site's language (en-GB)");
    assert.equal($('[data-pagefind-sort="date"]').text(), '2020-10-02T09:00:00+01:00');
    assert.equal($('[data-pagefind-meta="byline"]').text(), 'By Ines Trabelsi and Moussa Diarra');
    assert.deepEqual(
      $('[data-pagefind-filter="section"]')
        .map((_, element) => $(element).text())
        .get(),
      ['Business'],
    );
    assert.deepEqual(
      $('[data-pagefind-filter="tag"]')
        .map((_, element) => $(element).text())
        .get(),
      ['Oil', 'Libya'],
    );
    assert.equal(
      $('[data-pagefind-filter], [data-pagefind-meta], [data-pagefind-sort]').closest('[data-pagefind-body]').length,
      0,
      'metadata is not searchable text',
    );

    const $plain = cheerio.load(plain?.html() ?? '');
    assert.equal($plain('[data-pagefind-filter]').length, 0, 'no section, no tags: no filters');
    assert.equal($plain('[data-pagefind-meta="byline"]').length, 0);
  });

  it('keys a document by what it shows, without reading the body', () => {
    const keyOf = (change: Partial<StoryFields>, html = 'hash-of-body') => {
      const { site } = siteOf([{ title: 'Oil', date: '2020-10-02T09:00:00', tags: ['Oil'], ...change }]);
      let read = false;
      const body = new LazyHtml(html, () => {
        read = true;
        return '';
      });
      const [document] = searchDocuments(site, new Map(site.stories.map((story) => [story, { html: body, summary: 'S' }])), config);
      assert.equal(read, false, 'the body was read');
      return document?.key;
    };
    const base = keyOf({});
    assert.equal(keyOf({}), base);
    assert.equal(keyOf({ credits: 'Photo desk' }), base, 'what search does not show does not count');
    for (const change of [{ title: 'Gas' }, { tags: ['Gas'] }, { section: 'Business' }, { authors: ['Ines'] }, { date: '2020-10-02T10:00:00' }]) {
      assert.notEqual(keyOf(change), base, JSON.stringify(change));
    }
    assert.notEqual(keyOf({}, 'another-body'), base);
  });
});

describe('renderSearchIndex', () => {
  it('indexes every story with Pagefind, and gives the same bytes for the same stories', async () => {
    const { site, bodies } = siteOf(STORIES);
    const documents = searchDocuments(site, bodies, config);
    const first = await renderSearchIndex(documents, config, undefined);
    const again = await renderSearchIndex(documents, config, undefined);
    const paths = first.map((file) => file.path);
    assert.ok(
      paths.every((file) => file.startsWith(`${SEARCH_FOLDER}2020-10-01/`)),
      'one index: the stories are all of the first week of October 2020',
    );
    for (const file of ['pagefind/2020-10-01/pagefind.js', 'pagefind/2020-10-01/pagefind-entry.json', 'pagefind/2020-10-01/wasm.en.pagefind'])
      assert.ok(paths.includes(file), file);
    const entry = JSON.parse(Buffer.from(first.find((file) => file.path === 'pagefind/2020-10-01/pagefind-entry.json')?.contents ?? '').toString()) as {
      languages: Record<string, { page_count: number }>;
    };
    assert.deepEqual(Object.keys(entry.languages), ['en']);
    assert.equal(entry.languages.en?.page_count, 2);
    assert.deepEqual(again, first);
  });

  it("leaves nothing behind in the system's temporary folder, where Pagefind writes its files", async () => {
    const { site, bodies } = siteOf(STORIES);
    const temporary = await mkdtemp(path.join(tmpdir(), 'gazette-search-test-'));
    const systemTemporary = process.env.TMPDIR;
    process.env.TMPDIR = temporary;
    try {
      const files = await renderSearchIndex(searchDocuments(site, bodies, config), config, undefined);
      assert.ok(files.some((file) => file.path === 'pagefind/2020-10-01/pagefind-entry.json'));
      assert.deepEqual(await readdir(temporary), []);
    } finally {
      if (systemTemporary === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = systemTemporary;
      await rm(temporary, { recursive: true, force: true });
    }
  });

  it("stops Pagefind's process when aborted while it indexes, failing at once; the next index starts it again", async () => {
    const { site, bodies } = siteOf(STORIES);
    const controller = new AbortController();
    // Aborted as Pagefind is handed the first story, which its process is then indexing.
    const documents = searchDocuments(site, bodies, config).map((document, index) =>
      index > 0
        ? document
        : {
            ...document,
            html: () => {
              controller.abort(new Error('stopped'));
              return document.html();
            },
          },
    );
    await assert.rejects(renderSearchIndex(documents, config, undefined, controller.signal));
    const files = await renderSearchIndex(searchDocuments(site, bodies, config), config, undefined);
    assert.ok(files.some((file) => file.path === 'pagefind/2020-10-01/pagefind-entry.json'));
  });

  it('keeps the files the output folder holds under the same index key, and indexes again when a story changed', async () => {
    const { site, bodies } = siteOf(STORIES);
    const documents = searchDocuments(site, bodies, config);
    const made = await renderSearchIndex(documents, config, undefined);
    const held = new Map<string, string>([...made.map((file) => [file.path, file.key ?? ''] as [string, string]), ['index.html', 'page-key']]);
    const kept = await renderSearchIndex(documents, config, held);
    assert.deepEqual(
      kept,
      made.map((file) => ({ path: file.path, key: file.key })),
      'every file kept, none made',
    );

    const changed = siteOf([{ ...STORIES[1], title: 'Cocoa price rises' } as StoryFields, STORIES[0] as StoryFields]);
    const redone = await renderSearchIndex(searchDocuments(changed.site, changed.bodies, config), config, held);
    const rewritten = redone.filter((file) => file.contents !== undefined).map((file) => file.path);
    assert.ok(rewritten.includes('pagefind/2020-10-01/pagefind-entry.json'), 'a changed story makes the index again');
    assert.ok(!rewritten.includes('pagefind/2020-10-01/pagefind.js'), 'files whose bytes did not change are kept');
    assert.ok(
      rewritten.some((file) => file.startsWith('pagefind/2020-10-01/fragment/')),
      "the changed story's fragment is new",
    );
    assert.notEqual(searchIndexKey(searchDocuments(changed.site, changed.bodies, config)), searchIndexKey(documents));
  });
});

describe('searchIndexNames', () => {
  const days = (...list: string[]) => list.map((day) => ({ day }));

  it("indexes the newest story's year by month and the years before it by year", () => {
    assert.deepEqual(searchIndexNames(days('2024-06-02', '2024-05-31', '2023-12-31', '2022-01-01')), ['2024-06-01', '2024-05', '2023', '2022']);
  });

  it('indexes the newest month in four parts, each named by its first day', () => {
    const june = ['01', '07', '08', '14', '15', '21', '22', '30'].map((day) => `2024-06-${day}`);
    assert.deepEqual(searchIndexNames(days(...june, '2024-05-31')), [
      '2024-06-01',
      '2024-06-01',
      '2024-06-08',
      '2024-06-08',
      '2024-06-15',
      '2024-06-15',
      '2024-06-22',
      '2024-06-22',
      '2024-05',
    ]);
    assert.deepEqual(
      searchIndexNames(days('2024-07-01', ...june)),
      ['2024-07-01', ...june.map(() => '2024-06')],
      'a month is one index again once a newer one begins',
    );
  });

  it('keeps the year before by month until the newest story reaches April', () => {
    assert.deepEqual(searchIndexNames(days('2024-03-31', '2023-12-31', '2022-12-31')), ['2024-03-22', '2023-12', '2022']);
    assert.deepEqual(searchIndexNames(days('2024-04-01', '2023-12-31', '2022-12-31')), ['2024-04-01', '2023', '2022']);
    assert.deepEqual(searchIndexNames(days('2024-01-01', '2023-01-15')), ['2024-01-01', '2023-01']);
  });

  it('indexes by month any year of more stories than one index should hold', () => {
    const crowded = Array.from({ length: MONTHLY_ABOVE + 1 }, (_, index) => ({ day: `2021-${String(1 + (index % 12)).padStart(2, '0')}-15` }));
    const names = searchIndexNames([...days('2024-06-01', '2022-05-05'), ...crowded]);
    assert.deepEqual(names.slice(0, 2), ['2024-06-01', '2022']);
    assert.equal(new Set(names.slice(2)).size, 12, 'a crowded year gets an index a month');
    assert.ok(
      searchIndexNames(crowded.slice(1)).every((name) => /^2021-\d\d(-15)?$/.test(name)),
      'the newest year is by month anyway',
    );
    assert.ok(
      searchIndexNames([...days('2024-06-01'), ...crowded.slice(1)])
        .slice(1)
        .every((name) => name === '2021'),
      'a year of exactly the limit is one index',
    );
  });

  it('gives nothing for no stories', () => {
    assert.deepEqual(searchIndexNames([]), []);
  });
});

describe('an index a month for the newest year, a year before it', () => {
  it('indexes each apart, newest first, and makes again only the index a change is in', async () => {
    const years = siteOf([...STORIES, { title: 'Tunis port strike', date: '2019-03-04T10:00:00', tags: ['Tunisia'] }]);
    const documents = searchDocuments(years.site, years.bodies, config);
    const made = await renderSearchIndex(documents, config, undefined);
    const entries = made.filter((file) => file.path.endsWith('/pagefind-entry.json'));
    assert.deepEqual(
      entries.map((file) => file.path),
      ['pagefind/2020-10-01/pagefind-entry.json', 'pagefind/2019/pagefind-entry.json'],
    );
    const pageCount = (file: OutputFile | undefined) =>
      (JSON.parse(Buffer.from(file?.contents ?? '').toString()) as { languages: { en: { page_count: number } } }).languages.en.page_count;
    assert.deepEqual(entries.map(pageCount), [2, 1]);
    assert.deepEqual(searchIndexScripts(years.site.stories, config), ['/news/pagefind/2020-10-01/pagefind.js', '/news/pagefind/2019/pagefind.js']);

    const held = new Map(made.map((file) => [file.path, file.key ?? ''] as [string, string]));
    assert.ok(holdsSearchIndex(documents, held));
    const edited = siteOf([
      { ...STORIES[1], title: 'Cocoa price rises' } as StoryFields,
      STORIES[0] as StoryFields,
      { title: 'Tunis port strike', date: '2019-03-04T10:00:00', tags: ['Tunisia'] },
    ]);
    const editedDocuments = searchDocuments(edited.site, edited.bodies, config);
    assert.ok(!holdsSearchIndex(editedDocuments, held));
    const redone = await renderSearchIndex(editedDocuments, config, held);
    const rewritten = redone.filter((file) => file.contents !== undefined).map((file) => file.path);
    assert.ok(rewritten.includes('pagefind/2020-10-01/pagefind-entry.json'));
    assert.deepEqual(
      rewritten.filter((file) => file.startsWith('pagefind/2019/')),
      [],
      'the index of 2019 is kept',
    );

    const without2019 = siteOf(STORIES);
    assert.ok(!holdsSearchIndex(searchDocuments(without2019.site, without2019.bodies, config), held), 'a year without stories left: its index must go');

    const springConfig = makeConfig(
      { title: 'The Test Wire', baseUrl: 'https://example.org/news/', language: 'en-GB', timeZone: 'Africa/Algiers' },
      { now: '2021-05-01T00:00:00Z' },
    );
    const nextSpring = siteOf([...STORIES, { title: 'Spring harvest', date: '2021-04-02T10:00:00' }], springConfig);
    const springDocuments = searchDocuments(nextSpring.site, nextSpring.bodies, springConfig);
    assert.ok(!holdsSearchIndex(springDocuments, held), "2020 is now one index: its months' index must go");
    const spring = await renderSearchIndex(springDocuments, springConfig, held);
    assert.deepEqual(
      spring.filter((file) => file.path.endsWith('/pagefind-entry.json')).map((file) => file.path),
      ['pagefind/2021-04-01/pagefind-entry.json', 'pagefind/2020/pagefind-entry.json'],
    );
  });
});

describe('renderEachSearchIndex', () => {
  it("gives each index's files as soon as it is made, newest first, the same files renderSearchIndex gives", async () => {
    const years = siteOf([...STORIES, { title: 'Tunis port strike', date: '2019-03-04T10:00:00', tags: ['Tunisia'] }]);
    const documents = searchDocuments(years.site, years.bodies, config);
    const given: OutputFile[][] = [];
    await renderEachSearchIndex(documents, config, undefined, (files) => given.push(files));
    assert.deepEqual(
      given.map((files) => [...new Set(files.map((file) => file.path.split('/')[1]))]),
      [['2020-10-01'], ['2019']],
    );
    assert.deepEqual(given.flat(), await renderSearchIndex(documents, config, undefined));
  });
});

describe('a build with search', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('writes the index and the search page, links it from the navigation, and re-indexes only when a story changes', async () => {
    const first = await project.build();
    const files = await project.files();
    assert.ok(files.includes('search/index.html'));
    const pageCount = async (index: string) =>
      (JSON.parse(await project.read(`pagefind/${index}/pagefind-entry.json`)) as { languages: Record<string, { page_count: number }> }).languages.en
        ?.page_count ?? 0;
    assert.deepEqual(
      files.filter((file) => file.endsWith('/pagefind-entry.json')),
      ['pagefind/2020-09/pagefind-entry.json', 'pagefind/2020-10-01/pagefind-entry.json'],
      'an index for September, and for the first week of October, the newest month',
    );
    const [october, september] = [await pageCount('2020-10-01'), await pageCount('2020-09')];
    assert.equal(october + september, first.stories);
    const $ = cheerio.load(await project.read('index.html'));
    assert.equal($('nav a:contains("Search")').attr('href'), '/search/');
    const $search = cheerio.load(await project.read('search/index.html'));
    assert.equal($search('form[role="search"]').attr('action'), '/search/');
    assert.equal($search('[data-pagefind-indexes]').attr('data-pagefind-indexes'), '/pagefind/2020-10-01/pagefind.js /pagefind/2020-09/pagefind.js');
    assert.equal($search('meta[name="robots"]').attr('content'), 'noindex');

    const template = path.join(project.root, 'templates/tags.liquid');
    await writeFile(template, `${await readFile(template, 'utf8')}\n`);
    const afterTemplate = await project.build();
    assert.deepEqual(
      afterTemplate.written.filter((file) => file.startsWith(SEARCH_FOLDER)),
      [],
      'a template edit does not re-index',
    );

    await project.addStory('2020/10/04/new.md', '---\ntitle: "A new story about Ouargla"\ndate: 2020-10-04T09:00:00+01:00\n---\nOuargla.\n');
    const afterStory = await project.build();
    assert.ok(afterStory.written.includes('pagefind/2020-10-01/pagefind-entry.json'));
    assert.deepEqual(
      afterStory.written.filter((file) => file.startsWith('pagefind/2020-09/')),
      [],
      "September's index is kept",
    );
    assert.equal(await pageCount('2020-10-01'), october + 1);
  });

  it("stops the build with search-failed, leaving the site as it was, when Pagefind's program is missing", async () => {
    const before = await project.read('pagefind/2020-10-01/pagefind-entry.json');
    await project.addStory('2020/10/04/another.md', '---\ntitle: "Another story"\ndate: 2020-10-04T10:00:00+01:00\n---\nText.\n');
    process.env.PAGEFIND_EXTENDED_BINARY_PATH = path.join(project.root, 'no-such-program');
    try {
      await assert.rejects(project.build(), (error: unknown) => {
        assert.ok(error instanceof GazetteError);
        assert.equal(
          error.format(),
          `pagefind/  Pagefind could not index the site: its program for ${process.platform}-${process.arch} is not installed (${path.join(project.root, 'no-such-program')})  (check that npm installed the "pagefind" package for this platform, or set "search: false")  [search-failed]`,
        );
        return true;
      });
    } finally {
      delete process.env.PAGEFIND_EXTENDED_BINARY_PATH;
    }
    assert.equal(await project.read('pagefind/2020-10-01/pagefind-entry.json'), before);
    assert.ok(!(await project.files()).some((file) => file.includes('another-story')));
  });

  it("takes the default theme's search page when the site's own is removed", async () => {
    const template = path.join(project.root, 'templates/search.liquid');
    const text = await readFile(template, 'utf8');
    const page = await project.read('search/index.html');
    await writeFile(template, text.replace('<h1 class="page-title">', '<h1 class="page-title">Our '));
    try {
      await project.build();
      assert.match(await project.read('search/index.html'), /<h1 class="page-title">Our /);
      await rm(template);
      await project.build();
      assert.equal(await project.read('search/index.html'), page);
    } finally {
      await writeFile(template, text);
    }
  });

  it('with "search: false", writes no index, no search page and no Search link, and needs no search template', async () => {
    const config = path.join(project.root, 'gazette.config.yaml');
    await writeFile(config, `${await readFile(config, 'utf8')}search: false\n`);
    await rm(path.join(project.root, 'templates/search.liquid'));
    await project.build();
    const files = await project.files();
    assert.deepEqual(
      files.filter((file) => file.startsWith('pagefind/') || file.startsWith('search/')),
      [],
    );
    const $ = cheerio.load(await project.read('index.html'));
    assert.equal($('nav a:contains("Search")').length, 0);
  });
});

describe('a dev builder that writes the search index after the pages', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('keeps the index the folder holds until Pagefind is done, then writes what a cold build writes', async () => {
    const devOut = path.join(project.root, 'dev-out');
    const config = loadConfig(project.root, { now: SAMPLE_NOW, out: devOut });
    const builder = createBuilder(config, { deferSearch: true, cache: false });
    const coldBuild = async () => {
      await project.build({ out: path.join(project.root, 'cold-out') });
      return snapshot(path.join(project.root, 'cold-out'));
    };
    const writeIndex = async () => {
      const write = await builder.searchIndexed();
      assert.ok(write, 'an index to write');
      return write();
    };

    const first = await builder.build();
    assert.deepEqual(
      first.written.filter((file) => file.startsWith(SEARCH_FOLDER)),
      [],
      'pages first',
    );
    await writeIndex();
    assert.deepEqual(await snapshot(devOut), await coldBuild());

    const story = path.join(project.root, 'content/2020/10/01/us-defense-chief-algeria-visit.md');
    await writeFile(story, (await readFile(story, 'utf8')).replace('made a rare visit', 'made a DEFERRED visit'));
    const entryBefore = await readFile(path.join(devOut, 'pagefind/2020-10-01/pagefind-entry.json'));
    const edited = await builder.build(new Set([story]));
    assert.ok(
      edited.written.some((file) => file.startsWith('2020/10/01/')),
      'the story page is written at once',
    );
    assert.deepEqual(await readFile(path.join(devOut, 'pagefind/2020-10-01/pagefind-entry.json')), entryBefore, 'the old index is served meanwhile');
    const { written } = await writeIndex();
    assert.ok(written.includes('pagefind/2020-10-01/pagefind-entry.json'));
    assert.deepEqual(await snapshot(devOut), await coldBuild());

    await builder.build(new Set([path.join(project.root, 'templates/tags.liquid')]));
    assert.equal(await builder.searchIndexed(), undefined, 'no story changed: nothing to index');
  });

  it('writes nothing for an index a later build made stale', async () => {
    const config = loadConfig(project.root, { now: SAMPLE_NOW, out: path.join(project.root, 'stale-out') });
    const builder = createBuilder(config, { deferSearch: true, cache: false });
    await builder.build();
    const story = path.join(project.root, 'content/2020/10/02/oran-short-film-festival.md');
    const firstWrite = await builder.searchIndexed();
    await writeFile(story, (await readFile(story, 'utf8')).replace('Oran', 'Oran (stale)'));
    await builder.build(new Set([story]));
    assert.deepEqual(await firstWrite?.(), { written: [], removed: [] });
    const latest = await builder.searchIndexed();
    assert.ok(((await latest?.())?.written.length ?? 0) > 0);
  });
});
