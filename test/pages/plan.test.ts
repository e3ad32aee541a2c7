import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Config } from '../../src/config-types.js';
import { BuildFailed } from '../../src/errors.js';
import { buildSiteGraph } from '../../src/model/site.js';
import type { Site, Story } from '../../src/model/types.js';
import { storyCards } from '../../src/pages/cards.js';
import { planPages } from '../../src/pages/plan.js';
import type { Page } from '../../src/render/page.js';
import type { RenderedBody } from '../../src/render/view-types.js';
import { makeConfig } from '../support/config.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const config = makeConfig({ title: 'Digest', timeZone: 'Africa/Algiers', baseUrl: 'https://example.org/news/', pageSize: 2, sections: ['Africa'] });

function siteOf(fields: StoryFields[], siteConfig: Config = config): Site {
  return buildSiteGraph(
    fields.map((story) => makeStory({ zone: siteConfig.timeZone, ...story })),
    siteConfig,
  );
}

/** Every story's body: its summary is "Summary of <title>". */
function bodiesOf(site: Site): Map<Story, RenderedBody> {
  return new Map(site.stories.map((story) => [story, { html: `<p>${story.title}</p>`, summary: `Summary of ${story.title}` }]));
}

const site = siteOf([
  { title: 'Esper visits Algiers', date: '2020-10-02T10:00:00', tags: ['Algeria', 'Sahel'], section: 'Middle East', authors: ['Lamine Chikhi'] },
  { title: 'Libya talks', date: '2020-10-02T08:00:00', tags: ['Libya', 'Algeria'], section: 'middle east', authors: ['Ines Trabelsi'] },
  { title: 'Sahel elections', date: '2020-10-01T12:00:00', tags: ['Sahel'], section: 'Africa', authors: ['Aminata Koné', 'Lamine Chikhi'] },
  { title: 'Tunisia budget', date: '2020-10-01T09:00:00', tags: ['Algeria'] },
  { title: 'September story', date: '2020-09-30T09:00:00', tags: ['Algeria'] },
]);
const pages = [...planPages(site, bodiesOf(site), config)];
const ofKind = (kind: Page['kind']) => pages.filter((page) => page.kind === kind);
const titlesOf = (cards: unknown) => (cards as { title: string }[]).map((card) => card.title);

describe('planPages', () => {
  it("plans every page once, each in its own index.html (an edition's emails beside it)", () => {
    assert.deepEqual(
      pages.map((page) => [page.kind, page.path, page.file]),
      [
        ['story', '2020/10/02/esper-visits-algiers/', '2020/10/02/esper-visits-algiers/index.html'],
        ['story', '2020/10/02/libya-talks/', '2020/10/02/libya-talks/index.html'],
        ['story', '2020/10/01/sahel-elections/', '2020/10/01/sahel-elections/index.html'],
        ['story', '2020/10/01/tunisia-budget/', '2020/10/01/tunisia-budget/index.html'],
        ['story', '2020/09/30/september-story/', '2020/09/30/september-story/index.html'],
        ['front', '', 'index.html'],
        ['front', 'page/2/', 'page/2/index.html'],
        ['front', 'page/1/', 'page/1/index.html'],
        ['edition', '2020/10/02/', '2020/10/02/index.html'],
        ['email', '2020/10/02/email.html', '2020/10/02/email.html'],
        ['email-text', '2020/10/02/email.txt', '2020/10/02/email.txt'],
        ['edition', '2020/10/01/', '2020/10/01/index.html'],
        ['email', '2020/10/01/email.html', '2020/10/01/email.html'],
        ['email-text', '2020/10/01/email.txt', '2020/10/01/email.txt'],
        ['edition', '2020/09/30/', '2020/09/30/index.html'],
        ['email', '2020/09/30/email.html', '2020/09/30/email.html'],
        ['email-text', '2020/09/30/email.txt', '2020/09/30/email.txt'],
        ['archive', 'archive/', 'archive/index.html'],
        ['tags', 'tags/', 'tags/index.html'],
        ['tag', 'tags/algeria/', 'tags/algeria/index.html'],
        ['tag', 'tags/algeria/page/1/', 'tags/algeria/page/1/index.html'],
        ['tag', 'tags/libya/', 'tags/libya/index.html'],
        ['tag', 'tags/sahel/', 'tags/sahel/index.html'],
        ['sections', 'sections/', 'sections/index.html'],
        ['section', 'sections/africa/', 'sections/africa/index.html'],
        ['section', 'sections/middle-east/', 'sections/middle-east/index.html'],
        ['authors', 'authors/', 'authors/index.html'],
        ['author', 'authors/aminata-kone/', 'authors/aminata-kone/index.html'],
        ['author', 'authors/ines-trabelsi/', 'authors/ines-trabelsi/index.html'],
        ['author', 'authors/lamine-chikhi/', 'authors/lamine-chikhi/index.html'],
        ['search', 'search/', 'search/index.html'],
        ['subscribe', 'subscribe/', 'subscribe/index.html'],
        ['feed-stylesheet', 'feed.xsl', 'feed.xsl'],
        ['404', '404.html', '404.html'],
      ],
    );
  });

  it('gives a story page its story, neighbours, related stories and edition', () => {
    const page = pages.find((candidate) => candidate.path === '2020/10/02/libya-talks/');
    assert.equal(page?.title, 'Libya talks');
    assert.equal(page?.description, 'Summary of Libya talks');
    assert.equal(page?.source, 'content/libya-talks.md');
    const data = page?.data as {
      story: { title: string; url: string; html: string };
      older: { title: string };
      newer: { title: string };
      related: unknown;
      edition: unknown;
    };
    assert.equal(data.story.title, 'Libya talks');
    assert.equal(data.story.url, '/news/2020/10/02/libya-talks/');
    assert.equal(data.story.html, '<p>Libya talks</p>');
    assert.equal(data.older.title, 'Sahel elections');
    assert.equal(data.newer.title, 'Esper visits Algiers');
    assert.deepEqual(titlesOf(data.related), ['Esper visits Algiers', 'Tunisia budget', 'September story']);
    assert.deepEqual(data.edition, { title: 'Friday, October 2, 2020', url: '/news/2020/10/02/' });
  });

  it('paginates the front page, newest first, grouped by edition, with pages counted from the oldest', () => {
    const fronts = ofKind('front');
    assert.deepEqual(
      fronts.map((page) => [page.title, page.data.pagination]),
      [
        ['Digest', { page: null, previousUrl: null, nextUrl: '/news/page/2/' }],
        ['Digest, page 2', { page: 2, previousUrl: '/news/', nextUrl: '/news/page/1/' }],
        ['Digest, page 1', { page: 1, previousUrl: '/news/page/2/', nextUrl: null }],
      ],
    );
    const editions = (page: Page | undefined) =>
      (page?.data.editions as { day: string; stories: unknown }[]).map((edition) => [edition.day, titlesOf(edition.stories)]);
    assert.deepEqual(editions(fronts[0]), [['2020-10-02', ['Esper visits Algiers', 'Libya talks']]]);
    // Numbered pages hold pageSize stories each, the oldest on page 1; the newest may repeat the front's.
    assert.deepEqual(editions(fronts[1]), [
      ['2020-10-02', ['Libya talks']],
      ['2020-10-01', ['Sahel elections']],
    ]);
    assert.deepEqual(editions(fronts[2]), [
      ['2020-10-01', ['Tunisia budget']],
      ['2020-09-30', ['September story']],
    ]);
  });

  it("changes only the listings' own pages for a new story, and adds a numbered page every pageSize stories", () => {
    const stories: StoryFields[] = Array.from({ length: 9 }, (_, index) => ({
      title: `Story ${index}`,
      date: `2020-09-0${1 + index}T08:00:00`,
      tags: ['Algeria'],
    }));
    const numbered = (count: number) => {
      const grown = siteOf(stories.slice(0, count));
      return new Map(
        [...planPages(grown, bodiesOf(grown), config)]
          .filter((page) => page.path.includes('page/'))
          .map((page) => [page.path, JSON.stringify([page.title, page.data])]),
      );
    };
    for (let count = 3; count < stories.length; count += 1) {
      const before = numbered(count);
      const after = numbered(count + 1);
      for (const [path, data] of before) {
        // Only the page just older than the newest ones changes when a new page appears: its link to newer stories.
        const newer = path.replace(/\d+\/$/, (number) => `${Number.parseInt(number, 10) + 1}/`);
        if (before.has(newer) || !after.has(newer)) assert.equal(after.get(path), data, `${path} with ${count + 1} stories`);
      }
      // The front page and the tag's: each has a numbered page for every pageSize stories beyond its first page.
      assert.equal(after.size, 2 * Math.ceil((count + 1 - 2) / 2), `numbered pages with ${count + 1} stories`);
    }
  });

  it('plans one front page for an empty site', () => {
    const empty = siteOf([]);
    const front = [...planPages(empty, new Map(), config)].filter((page) => page.kind === 'front');
    assert.deepEqual(
      front.map((page) => [page.path, page.data.pagination]),
      [['', { page: null, previousUrl: null, nextUrl: null }]],
    );
  });

  it('paginates tag pages', () => {
    const algeria = ofKind('tag').filter((page) => page.path.startsWith('tags/algeria/'));
    assert.deepEqual(
      algeria.map((page) => [page.title, titlesOf(page.data.stories), page.data.pagination]),
      [
        ['Algeria', ['Esper visits Algiers', 'Libya talks'], { page: null, previousUrl: null, nextUrl: '/news/tags/algeria/page/1/' }],
        ['Algeria, page 1', ['Tunisia budget', 'September story'], { page: 1, previousUrl: '/news/tags/algeria/', nextUrl: null }],
      ],
    );
    assert.equal((algeria[1]?.data.tag as { count: unknown }).count, null, 'a numbered page does not carry the count, which every new story changes');
    assert.deepEqual(algeria[0]?.data.tag, {
      name: 'Algeria',
      slug: 'algeria',
      url: '/news/tags/algeria/',
      count: 4,
      feeds: [
        { title: 'Digest: Algeria (RSS)', type: 'application/rss+xml', url: '/news/tags/algeria/feed.xml' },
        { title: 'Digest: Algeria (Atom)', type: 'application/atom+xml', url: '/news/tags/algeria/atom.xml' },
        { title: 'Digest: Algeria (JSON Feed)', type: 'application/feed+json', url: '/news/tags/algeria/feed.json' },
      ],
    });
    assert.deepEqual(
      algeria.map((page) => page.feeds.map((feed) => feed.url)),
      Array(2).fill([
        '/news/feed.xml',
        '/news/atom.xml',
        '/news/feed.json',
        '/news/tags/algeria/feed.xml',
        '/news/tags/algeria/atom.xml',
        '/news/tags/algeria/feed.json',
      ]),
    );
  });

  it('lists every tag by name on the tags page', () => {
    assert.deepEqual(ofKind('tags')[0]?.data.tags, [
      { name: 'Algeria', slug: 'algeria', url: '/news/tags/algeria/', count: 4 },
      { name: 'Libya', slug: 'libya', url: '/news/tags/libya/', count: 1 },
      { name: 'Sahel', slug: 'sahel', url: '/news/tags/sahel/', count: 2 },
    ]);
  });

  it("lists the sections in the navigation's order, each on its own page with its feeds", () => {
    assert.deepEqual(ofKind('sections')[0]?.data.sections, [
      { name: 'Africa', slug: 'africa', url: '/news/sections/africa/', count: 1 },
      { name: 'Middle East', slug: 'middle-east', url: '/news/sections/middle-east/', count: 2 },
    ]);
    const middleEast = ofKind('section').find((page) => page.path === 'sections/middle-east/');
    assert.equal(middleEast?.title, 'Middle East');
    assert.deepEqual(titlesOf(middleEast?.data.stories), ['Esper visits Algiers', 'Libya talks']);
    assert.deepEqual(middleEast?.data.pagination, { page: null, previousUrl: null, nextUrl: null });
    assert.deepEqual(
      (middleEast?.data.section as { feeds: { url: string }[] }).feeds.map((feed) => feed.url),
      ['/news/sections/middle-east/feed.xml', '/news/sections/middle-east/atom.xml', '/news/sections/middle-east/feed.json'],
    );
    assert.deepEqual(
      middleEast?.feeds.slice(3).map((feed) => feed.title),
      ['Digest: Middle East (RSS)', 'Digest: Middle East (Atom)', 'Digest: Middle East (JSON Feed)'],
    );
  });

  it('lists the authors by name, each on a paginated page of their stories', () => {
    assert.deepEqual(
      (ofKind('authors')[0]?.data.authors as { name: string; url: string; count: number }[]).map(({ name, url, count }) => [name, url, count]),
      [
        ['Aminata Koné', '/news/authors/aminata-kone/', 1],
        ['Ines Trabelsi', '/news/authors/ines-trabelsi/', 1],
        ['Lamine Chikhi', '/news/authors/lamine-chikhi/', 2],
      ],
    );
    const lamine = ofKind('author').find((page) => page.path === 'authors/lamine-chikhi/');
    assert.deepEqual(titlesOf(lamine?.data.stories), ['Esper visits Algiers', 'Sahel elections']);
    assert.equal(lamine?.description, 'Stories by Lamine Chikhi in Digest');
    assert.deepEqual(lamine?.data.author, {
      name: 'Lamine Chikhi',
      slug: 'lamine-chikhi',
      url: '/news/authors/lamine-chikhi/',
      count: 2,
      bio: null,
      photo: null,
      email: null,
      links: [],
      feeds: [
        { title: 'Digest: Lamine Chikhi (RSS)', type: 'application/rss+xml', url: '/news/authors/lamine-chikhi/feed.xml' },
        { title: 'Digest: Lamine Chikhi (Atom)', type: 'application/atom+xml', url: '/news/authors/lamine-chikhi/atom.xml' },
        { title: 'Digest: Lamine Chikhi (JSON Feed)', type: 'application/feed+json', url: '/news/authors/lamine-chikhi/feed.json' },
      ],
    });
  });

  it("shows an author's profile on their page, at the address its key names", () => {
    const profiled = buildSiteGraph([makeStory({ title: 'Filed', date: '2020-10-01T10:00:00', authors: ['LAMINE chikhi'] })], config, [
      {
        key: 'lchikhi',
        name: 'Lamine Chikhi',
        bio: 'Algiers bureau chief.',
        photo: '/images/lamine.jpg',
        email: 'lamine@example.org',
        links: [{ title: 'Website', url: 'https://example.org/lamine/' }],
        file: 'content/authors.yaml',
        line: 1,
        column: 1,
      },
    ]);
    const page = [...planPages(profiled, bodiesOf(profiled), config)].find((candidate) => candidate.kind === 'author');
    assert.equal(page?.path, 'authors/lchikhi/');
    assert.equal(page?.title, 'Lamine Chikhi');
    assert.equal(page?.description, 'Algiers bureau chief.');
    const { feeds, ...author } = page?.data.author as Record<string, unknown>;
    assert.deepEqual(author, {
      name: 'Lamine Chikhi',
      slug: 'lchikhi',
      url: '/news/authors/lchikhi/',
      count: 1,
      bio: 'Algiers bureau chief.',
      photo: { src: '/news/images/lamine.jpg', srcset: null, width: null, height: null, alt: 'Lamine Chikhi', caption: null, credit: null },
      email: 'lamine@example.org',
      links: [{ title: 'Website', url: 'https://example.org/lamine/' }],
    });
    assert.equal((feeds as unknown[]).length, 3);
  });

  it("links a card's section to its front and each name of its byline, as written, to its author's page", () => {
    const story = ofKind('story').find((page) => page.path === '2020/10/01/sahel-elections/')?.data.story as Record<string, unknown>;
    assert.equal(story.section, 'Africa');
    assert.equal(story.sectionUrl, '/news/sections/africa/');
    assert.equal(story.byline, 'By Aminata Koné and Lamine Chikhi');
    assert.deepEqual(story.authors, [
      { name: 'Aminata Koné', url: '/news/authors/aminata-kone/' },
      { name: 'Lamine Chikhi', url: '/news/authors/lamine-chikhi/' },
    ]);
    const libya = ofKind('story').find((page) => page.path === '2020/10/02/libya-talks/')?.data.story as Record<string, unknown>;
    assert.deepEqual([libya.section, libya.sectionUrl], ['middle east', '/news/sections/middle-east/']);
    const plain = ofKind('story').find((page) => page.path === '2020/10/01/tunisia-budget/')?.data.story as Record<string, unknown>;
    assert.deepEqual([plain.section, plain.sectionUrl, plain.authors], [null, null, []]);
  });

  it('plans an edition page per day, linked to the days before and after', () => {
    assert.deepEqual(
      ofKind('edition').map((page) => {
        const data = page.data as { edition: { stories: unknown; count: number }; olderEdition: unknown; newerEdition: unknown };
        return [page.title, titlesOf(data.edition.stories), data.edition.count, data.olderEdition, data.newerEdition];
      }),
      [
        ['Friday, October 2, 2020', ['Esper visits Algiers', 'Libya talks'], 2, { title: 'Thursday, October 1, 2020', url: '/news/2020/10/01/' }, null],
        [
          'Thursday, October 1, 2020',
          ['Sahel elections', 'Tunisia budget'],
          2,
          { title: 'Wednesday, September 30, 2020', url: '/news/2020/09/30/' },
          { title: 'Friday, October 2, 2020', url: '/news/2020/10/02/' },
        ],
        ['Wednesday, September 30, 2020', ['September story'], 1, null, { title: 'Thursday, October 1, 2020', url: '/news/2020/10/01/' }],
      ],
    );
  });

  it('lists the editions by month in the archive', () => {
    assert.deepEqual(ofKind('archive')[0]?.data, {
      months: [
        {
          title: 'October 2020',
          editions: [
            { title: 'Friday, October 2, 2020', url: '/news/2020/10/02/', count: 2 },
            { title: 'Thursday, October 1, 2020', url: '/news/2020/10/01/', count: 2 },
          ],
        },
        { title: 'September 2020', editions: [{ title: 'Wednesday, September 30, 2020', url: '/news/2020/09/30/', count: 1 }] },
      ],
    });
  });

  it('plans a 404 page at the root', () => {
    assert.deepEqual(
      ofKind('404').map(({ path, file, title }) => ({ path, file, title })),
      [{ path: '404.html', file: '404.html', title: 'Page not found' }],
    );
  });

  it('refuses a story whose URL is the tags page', () => {
    const flat = makeConfig({ permalink: '/:slug/' });
    const clash = siteOf([{ title: 'All the tags', slug: 'tags', date: '2020-10-01T10:00:00', file: 'content/tags.md' }], flat);
    assert.throws(
      () => [...planPages(clash, bodiesOf(clash), flat)],
      (error: unknown) => {
        assert.ok(error instanceof BuildFailed);
        assert.deepEqual(
          error.problems.map((problem) => [problem.code, problem.file, problem.field, problem.message]),
          [['permalink-duplicate', 'content/tags.md', 'slug', 'its URL /tags/ is already the tags page']],
        );
        return true;
      },
    );
  });

  it('refuses a story whose URL is an edition page', () => {
    const monthly = makeConfig({ permalink: '/:year/:month/:slug/' });
    const clash = siteOf([{ title: 'First', slug: '01', date: '2020-10-01T10:00:00', file: 'content/first.md' }], monthly);
    assert.throws(
      () => [...planPages(clash, bodiesOf(clash), monthly)],
      (error: unknown) => {
        assert.ok(error instanceof BuildFailed);
        assert.deepEqual(
          error.problems.map((problem) => [problem.code, problem.file, problem.message]),
          [['permalink-duplicate', 'content/first.md', 'its URL /2020/10/01/ is already the edition page']],
        );
        return true;
      },
    );
  });
});

describe('storyCards', () => {
  const bodies = bodiesOf(site);
  const body = (story: Story) => bodies.get(story) as RenderedBody;
  const [first, second, third] = site.stories as [Story, Story, Story];

  it("makes a story's card once while it is held, and gives it again", () => {
    const card = storyCards(body, config);
    assert.equal(card(first), card(first));
    assert.equal(card(first).title, 'Esper visits Algiers');
  });

  it('holds only the cards used last, and makes a dropped one again the same', () => {
    const card = storyCards(body, config, 2);
    const [a, b] = [card(first), card(second)];
    assert.equal(card(first), a, 'using a card keeps it');
    card(third);
    assert.equal(card(first), a, 'the card used last is held');
    const again = card(second);
    assert.notEqual(again, b, 'the least recently used card was dropped');
    assert.deepEqual(again, b);
    assert.equal(JSON.stringify(again), JSON.stringify(b), 'a card made again names the same view');
  });
});
