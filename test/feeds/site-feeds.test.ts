import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeed } from 'feedsmith';
import type { Config } from '../../src/config-types.js';
import { splitStory } from '../../src/content/frontmatter.js';
import { readStory } from '../../src/content/story.js';
import type { StorySource } from '../../src/content/story-source.js';
import { storyItem } from '../../src/feeds/feed.js';
import { type FeedFile, type FeedNames, feedLinks, renderSiteFeeds, type StoryText, siteFeedSpec, tagFeedSpec } from '../../src/feeds/site-feeds.js';
import { createMarkdownRenderer, renderStoryMarkdown } from '../../src/markdown/processor.js';
import { buildSiteGraph } from '../../src/model/site.js';
import type { Story } from '../../src/model/types.js';
import type { KeptFile, TextFile } from '../../src/output/files.js';
import { makeConfig } from '../support/config.js';
import { assertValidJsonFeed, parseAtomXml, parseRssItems, urlsIn } from '../support/feeds.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const config = makeConfig({
  title: 'Maghreb Digest',
  baseUrl: 'https://example.org/news/',
  timeZone: 'Africa/Algiers',
  feedSize: 3,
  tagFeedSize: 2,
  editionFeedSize: 2,
}); // now: 2020-10-05T00:00:00Z

/** Summaries and feed HTML the way build.ts makes them: the real Markdown renderer and URL resolvers. */
function storyText(settings: Config): StoryText {
  const markdown = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false });
  const summary = (story: Story) => story.summary ?? renderStoryMarkdown(markdown, story, settings).summary;
  return {
    summary,
    item: (story: Story) => storyItem(story, summary(story), renderStoryMarkdown(markdown, story, settings).feedHtml ?? '', settings),
  };
}

function feedsOf(sources: StorySource[], settings: Config = config): (TextFile | KeptFile)[] {
  return [...renderSiteFeeds(buildSiteGraph(sources, settings), storyText(settings), settings, 'Gazette test')];
}

const story = (fields: StoryFields) => makeStory({ zone: 'Africa/Algiers', ...fields });

const SOURCES = [
  story({ title: 'Algiers morning briefing', date: '2020-10-03T08:00:00', tags: ['Algeria'] }),
  story({ title: 'Libya ceasefire talks', date: '2020-10-03T12:00:00', tags: ['Libya', 'Algeria'] }),
  story({ title: 'Sahel funding', date: '2020-10-02T10:00:00', tags: ['Sahel', 'Algeria'] }),
  story({ title: 'Oran festival', date: '2020-10-02T09:00:00', tags: ['Algeria'], id: 'urn:uuid:0b8a4bb0-0000-4000-8000-000000000001' }),
  story({ title: 'Oil output', date: '2020-10-01T10:00:00', tags: ['Libya'] }),
  story({ title: 'Cocoa farmgate price', date: '2020-09-30T10:00:00', tags: ["Côte d'Ivoire"] }),
];

const url = (path: string) => `https://example.org/news/${path}`;

function file(files: (TextFile | KeptFile)[], path: string): string {
  const found = files.find((item) => item.path === path);
  assert.ok(found?.contents !== undefined, `${path} was not written`);
  return found.contents;
}

interface FeedIds {
  rss: string[];
  atom: string[];
  json: string[];
}

/** The item ids of one feed in each of its three formats, in the order written. */
function idsOf(files: (TextFile | KeptFile)[], folder: string): FeedIds {
  return {
    rss: parseRssItems(file(files, `${folder}feed.xml`)).map((item) => item.guid['#text']),
    atom: (parseAtomXml(file(files, `${folder}atom.xml`)).entry ?? []).map((entry) => entry.id),
    json: (JSON.parse(file(files, `${folder}feed.json`)) as JsonFeedDoc).items.map((item) => item.id),
  };
}

interface JsonFeedDoc {
  title: string;
  items: { id: string; url: string; title: string; summary?: string; content_html: string; date_published: string; date_modified?: string }[];
}

const jsonOf = (files: (TextFile | KeptFile)[], folder: string) => JSON.parse(file(files, `${folder}feed.json`)) as JsonFeedDoc;

/** The same ids in all three formats: returns them. */
function sameIds(files: (TextFile | KeptFile)[], folder: string): string[] {
  const ids = idsOf(files, folder);
  assert.deepEqual(ids.atom, ids.rss, `${folder}: Atom and RSS differ`);
  assert.deepEqual(ids.json, ids.rss, `${folder}: JSON Feed and RSS differ`);
  return ids.rss;
}

describe('renderSiteFeeds', () => {
  const files = feedsOf(SOURCES);

  it('writes the three formats of the site feed, of each tag feed and of the edition feed', () => {
    const folders = ['', 'tags/algeria/', 'tags/cote-divoire/', 'tags/libya/', 'tags/sahel/', 'editions/'];
    assert.deepEqual(
      files.map((item) => item.path),
      folders.flatMap((folder) => [`${folder}feed.xml`, `${folder}atom.xml`, `${folder}feed.json`]),
    );
  });

  it('writes files that feedsmith reads in the format their name says, and valid JSON Feeds', () => {
    for (const { path, contents } of files) {
      assert.ok(contents !== undefined, `${path} was not serialized`);
      const { format } = parseFeed(contents);
      assert.equal(format, path.endsWith('feed.xml') ? 'rss' : path.endsWith('atom.xml') ? 'atom' : 'json', path);
      if (path.endsWith('.json')) assertValidJsonFeed(contents, path);
    }
  });

  it('titles each feed and links it to its own page and URLs', () => {
    assert.equal(jsonOf(files, 'tags/cote-divoire/').title, "Maghreb Digest: Côte d'Ivoire");
    const atom = parseAtomXml(file(files, 'tags/cote-divoire/atom.xml'));
    assert.equal(atom.id, url('tags/cote-divoire/'));
    assert.equal(atom.link.find((link) => link['@_rel'] === 'self')?.['@_href'], url('tags/cote-divoire/atom.xml'));
    const editions = parseAtomXml(file(files, 'editions/atom.xml'));
    assert.equal(editions.title, 'Maghreb Digest: daily editions');
    assert.equal(editions.link.find((link) => link['@_rel'] === 'alternate')?.['@_href'], url('archive/'));
    assert.equal((JSON.parse(file(files, 'editions/feed.json')) as { feed_url: string }).feed_url, url('editions/feed.json'));
  });

  it('gives the three formats of every feed the same item ids in the same order', () => {
    for (const folder of ['', 'tags/algeria/', 'tags/cote-divoire/', 'tags/libya/', 'tags/sahel/', 'editions/']) {
      assert.ok(sameIds(files, folder).length > 0, folder);
    }
  });

  it('keeps the site feed to feedSize stories, newest first', () => {
    assert.deepEqual(sameIds(files, ''), [
      url('2020/10/03/libya-ceasefire-talks/'),
      url('2020/10/03/algiers-morning-briefing/'),
      url('2020/10/02/sahel-funding/'),
    ]);
    assert.deepEqual(
      jsonOf(files, '').items.map((item) => item.date_published),
      ['2020-10-03T12:00:00+01:00', '2020-10-03T08:00:00+01:00', '2020-10-02T10:00:00+01:00'],
    );
  });

  it('keeps each tag feed to tagFeedSize stories of its tag, newest first', () => {
    assert.deepEqual(sameIds(files, 'tags/algeria/'), [url('2020/10/03/libya-ceasefire-talks/'), url('2020/10/03/algiers-morning-briefing/')]);
    assert.deepEqual(sameIds(files, 'tags/libya/'), [url('2020/10/03/libya-ceasefire-talks/'), url('2020/10/01/oil-output/')]);
    assert.deepEqual(sameIds(files, 'tags/sahel/'), [url('2020/10/02/sahel-funding/')]);
    assert.deepEqual(sameIds(files, 'tags/cote-divoire/'), [url('2020/09/30/cocoa-farmgate-price/')]);
  });

  it('falls back to feedSize for tag feeds and to 14 days for the edition feed', () => {
    const small = feedsOf(SOURCES, makeConfig({ baseUrl: 'https://example.org/news/', timeZone: 'Africa/Algiers', feedSize: 2 }));
    assert.equal(sameIds(small, '').length, 2);
    assert.equal(sameIds(small, 'tags/algeria/').length, 2);
    assert.equal(sameIds(small, 'editions/').length, 4);
    const roomy = feedsOf(SOURCES, makeConfig({ baseUrl: 'https://example.org/news/', timeZone: 'Africa/Algiers', feedSize: 10 }));
    assert.equal(sameIds(roomy, '').length, 6);
    assert.equal(sameIds(roomy, 'tags/algeria/').length, 4);
  });

  it('keeps the edition feed to editionFeedSize days, newest first, one item a day', () => {
    assert.deepEqual(sameIds(files, 'editions/'), [url('2020/10/03/'), url('2020/10/02/')]);
    const [saturday, friday] = jsonOf(files, 'editions/').items;
    assert.equal(saturday?.title, 'Maghreb Digest: Saturday, October 3, 2020');
    assert.equal(saturday?.summary, '2 stories: Algiers morning briefing; Libya ceasefire talks');
    assert.equal(
      saturday?.content_html,
      [
        '<ul>',
        `<li><a href="${url('2020/10/03/algiers-morning-briefing/')}">Algiers morning briefing</a><br>About Algiers morning briefing.</li>`,
        `<li><a href="${url('2020/10/03/libya-ceasefire-talks/')}">Libya ceasefire talks</a><br>About Libya ceasefire talks.</li>`,
        '</ul>',
      ].join('\n'),
    );
    assert.equal(friday?.summary, '2 stories: Oran festival; Sahel funding');
  });

  it("keeps an edition item's id when a story is added later that day, and updates it instead", () => {
    const later = feedsOf([...SOURCES, story({ title: 'Late addition from Niamey', date: '2020-10-03T20:00:00', tags: ['Niger'] })]);
    assert.deepEqual(sameIds(later, 'editions/'), sameIds(files, 'editions/'));

    const before = parseAtomXml(file(files, 'editions/atom.xml')).entry?.[0];
    const after = parseAtomXml(file(later, 'editions/atom.xml')).entry?.[0];
    assert.equal(before?.id, url('2020/10/03/'));
    assert.equal(after?.id, url('2020/10/03/'));
    assert.equal(after?.published, before?.published);
    assert.equal(before?.published, '2020-10-03T08:00:00+01:00');
    assert.equal(before?.updated, '2020-10-03T12:00:00+01:00');
    assert.equal(after?.updated, '2020-10-03T20:00:00+01:00');
    assert.ok(!before?.content?.['#text'].includes('Late addition from Niamey'));
    assert.ok(after?.content?.['#text'].includes(`<a href="${url('2020/10/03/late-addition-from-niamey/')}">Late addition from Niamey</a>`));

    const json = jsonOf(later, 'editions/').items[0];
    assert.equal(json?.summary, '3 stories: Algiers morning briefing; Libya ceasefire talks; Late addition from Niamey');
    assert.equal(json?.date_modified, '2020-10-03T20:00:00+01:00');
    assert.equal(parseRssItems(file(later, 'editions/feed.xml'))[0]?.guid['#text'], url('2020/10/03/'));
  });

  it('gives a story the front-matter id, else its URL, in every feed it is in', () => {
    const all = feedsOf(SOURCES, makeConfig({ baseUrl: 'https://example.org/news/', timeZone: 'Africa/Algiers' }));
    const ids = sameIds(all, 'tags/algeria/');
    assert.deepEqual(ids, [
      url('2020/10/03/libya-ceasefire-talks/'),
      url('2020/10/03/algiers-morning-briefing/'),
      url('2020/10/02/sahel-funding/'),
      'urn:uuid:0b8a4bb0-0000-4000-8000-000000000001',
    ]);
    const oran = parseRssItems(file(all, 'feed.xml')).find((item) => item.title === 'Oran festival');
    assert.deepEqual(oran?.guid, { '#text': 'urn:uuid:0b8a4bb0-0000-4000-8000-000000000001', '@_isPermaLink': 'false' });
    assert.equal(oran?.link, url('2020/10/02/oran-festival/'));
  });

  describe('a renamed story', () => {
    const read = (frontMatter: string): StorySource => {
      const text = `---\ntitle: Esper visits Algiers\ndate: 2020-10-01T16:40:00+01:00\n${frontMatter}---\nUS Secretary of Defense Mark Esper made a rare visit.\n`;
      const result = readStory('content/esper.md', splitStory(text, 'content/esper.md'), 'Africa/Algiers');
      assert.deepEqual(
        result.problems.map((problem) => problem.format()),
        [],
      );
      return result.story as StorySource;
    };
    const entry = (files: (TextFile | KeptFile)[]) => ({
      ids: idsOf(files, ''),
      atomLink: parseAtomXml(file(files, 'atom.xml')).entry?.[0]?.link[0]?.['@_href'],
      jsonUrl: jsonOf(files, '').items[0]?.url,
    });

    it('keeps its feed id when its old URL is listed in aliases', () => {
      const before = entry(feedsOf([read('slug: esper-algeria\n')]));
      const after = entry(feedsOf([read('slug: esper-visit-to-algiers\naliases: [/2020/10/01/esper-algeria/]\n')]));
      const oldUrl = url('2020/10/01/esper-algeria/');
      assert.deepEqual(before.ids, { rss: [oldUrl], atom: [oldUrl], json: [oldUrl] });
      assert.deepEqual(after.ids, before.ids);
      assert.equal(before.atomLink, oldUrl);
      assert.equal(after.atomLink, url('2020/10/01/esper-visit-to-algiers/'));
      assert.equal(after.jsonUrl, url('2020/10/01/esper-visit-to-algiers/'));
    });

    it('keeps its front-matter id whatever its aliases', () => {
      const after = entry(feedsOf([read('slug: esper-visit-to-algiers\naliases: [/2020/10/01/esper-algeria/]\nid: "tag:example.org,2020:esper"\n')]));
      assert.deepEqual(after.ids, { rss: ['tag:example.org,2020:esper'], atom: ['tag:example.org,2020:esper'], json: ['tag:example.org,2020:esper'] });
    });
  });

  describe('links in story content', () => {
    const BODY = [
      'See [the other story](../other-story/), [the photo](./photo.jpg), [an earlier story](/2020/10/01/oil-output/),',
      '[the notes][notes], [the top](#top), [page two](?page=2), [elsewhere](https://example.com/x) and [mail](mailto:desk@example.org).',
      '',
      '![A chart](chart.png) ![The logo](/images/logo.svg)',
      '',
      '[notes]: notes/',
      '',
    ].join('\n');
    const EXPECTED = [
      url('2020/10/02/other-story/'),
      url('2020/10/02/links/photo.jpg'),
      url('2020/10/01/oil-output/'),
      url('2020/10/02/links/notes/'),
      url('2020/10/02/links/#top'),
      url('2020/10/02/links/?page=2'),
      'https://example.com/x',
      'mailto:desk@example.org',
      url('2020/10/02/links/chart.png'),
      url('images/logo.svg'),
    ];
    const contents = (files: (TextFile | KeptFile)[]) => ({
      rss: parseRssItems(file(files, 'feed.xml'))[0]?.['content:encoded'] ?? '',
      atom: parseAtomXml(file(files, 'atom.xml')).entry?.[0]?.content?.['#text'] ?? '',
      json: jsonOf(files, '').items[0]?.content_html ?? '',
    });

    it('makes every relative, ./ and root-relative link and image absolute under the base path', () => {
      const files = feedsOf([story({ title: 'Links', date: '2020-10-02T10:00:00', body: BODY })]);
      for (const [format, html] of Object.entries(contents(files))) {
        assert.deepEqual(urlsIn(html), EXPECTED, format);
      }
    });

    it('makes the story links of the edition feed absolute too', () => {
      const files = feedsOf([story({ title: 'Links', date: '2020-10-02T10:00:00', body: BODY })]);
      assert.deepEqual(urlsIn(jsonOf(files, 'editions/').items[0]?.content_html ?? ''), [url('2020/10/02/links/')]);
    });

    it('makes footnote links absolute too', () => {
      const files = feedsOf([story({ title: 'Links', date: '2020-10-02T10:00:00', body: 'A claim.[^1]\n\n[^1]: The source.\n' })]);
      for (const [format, html] of Object.entries(contents(files))) {
        const urls = urlsIn(html);
        assert.equal(urls.length, 2, format);
        for (const link of urls) assert.match(link, /^https:\/\/example\.org\/news\/2020\/10\/02\/links\/#user-content-fn/, `${format}: ${link}`);
      }
    });
  });

  describe('with the names of what feeds are made from', () => {
    const site = buildSiteGraph(SOURCES, config);
    const nameOf = (story: Story) => `${story.title}@1`;
    /** The feeds made with these names, over an output folder that holds `before` (the files of a build). */
    const render = (names: Omit<FeedNames, 'kept'>, before: FeedFile[] = []) => {
      const asked: string[] = [];
      const text = storyText(config);
      const counted: StoryText = {
        summary: text.summary,
        item: (story) => {
          asked.push(story.title);
          return text.item(story);
        },
      };
      const held = (path: string, key: string) => before.some((made) => made.path === path && made.key === key);
      const kept = (path: string, inputs: string) => before.find((made) => made.path === path && made.inputs === inputs)?.key;
      return { files: [...renderSiteFeeds(site, counted, config, 'Gazette test', held, { ...names, kept })], asked };
    };
    const made = (files: FeedFile[]) => files.filter((file) => file.contents !== undefined).map((file) => file.path);
    const first = render({ site: 'site-1', story: nameOf });

    it('writes the same feeds, keyed alike, as without names', () => {
      assert.deepEqual(
        first.files.map(({ path, key, contents }) => ({ path, key, contents })),
        files.map(({ path, key, contents }) => ({ path, key, contents })),
      );
    });

    it('keeps every feed made from the same inputs without making its items', () => {
      const again = render({ site: 'site-1', story: nameOf }, first.files);
      assert.deepEqual(made(again.files), []);
      assert.deepEqual(again.asked, []);
      assert.deepEqual(
        again.files.map(({ key }) => key),
        first.files.map(({ key }) => key),
      );
    });

    it('makes again the feeds that show a story whose name changed, and writes those whose bytes changed', () => {
      const renamed = (story: Story) => (story.title === 'Sahel funding' ? 'Sahel funding@2' : nameOf(story));
      const again = render({ site: 'site-1', story: renamed }, first.files);
      assert.deepEqual(new Set(again.asked), new Set(['Libya ceasefire talks', 'Algiers morning briefing', 'Sahel funding']));
      // Only its name changed: the feeds made again are the same bytes, kept under their keys.
      assert.deepEqual(made(again.files), []);
      const edited = buildSiteGraph(
        SOURCES.map((source) => (source.title === 'Sahel funding' ? { ...source, summary: 'A new summary.' } : source)),
        config,
      );
      const text = storyText(config);
      const held = (path: string, key: string) => first.files.some((file) => file.path === path && file.key === key);
      const kept = (path: string, inputs: string) => first.files.find((file) => file.path === path && file.inputs === inputs)?.key;
      const files = [...renderSiteFeeds(edited, text, config, 'Gazette test', held, { site: 'site-1', story: renamed, kept })];
      const expected = ['', 'tags/sahel/', 'editions/'].flatMap((folder) => [`${folder}feed.xml`, `${folder}atom.xml`, `${folder}feed.json`]);
      assert.deepEqual(new Set(made(files)), new Set(expected));
    });

    it("makes every feed again when the site's name changed", () => {
      const again = render({ site: 'site-2', story: nameOf }, first.files);
      assert.equal(again.asked.length > 0, true);
      assert.ok(again.files.every((file) => file.inputs !== undefined && !first.files.some((before) => before.inputs === file.inputs)));
    });

    it('leaves unnamed a feed with a story that has no name, and makes it', () => {
      const unnamed = render({ site: 'site-1', story: (story) => (story.title === 'Oil output' ? undefined : nameOf(story)) }, first.files);
      assert.equal(unnamed.files.find((file) => file.path === 'tags/libya/feed.xml')?.inputs, undefined);
      assert.deepEqual(unnamed.asked, ['Libya ceasefire talks', 'Oil output']);
    });
  });
});

describe('feedLinks', () => {
  it('announces the three formats of a feed, root-relative under the base path', () => {
    assert.deepEqual(feedLinks(siteFeedSpec(config), config), [
      { type: 'application/rss+xml', title: 'Maghreb Digest (RSS)', url: '/news/feed.xml' },
      { type: 'application/atom+xml', title: 'Maghreb Digest (Atom)', url: '/news/atom.xml' },
      { type: 'application/feed+json', title: 'Maghreb Digest (JSON Feed)', url: '/news/feed.json' },
    ]);
    assert.deepEqual(
      feedLinks(tagFeedSpec({ name: "Côte d'Ivoire", slug: 'cote-divoire' }, config), config).map((link) => [link.title, link.url]),
      [
        ["Maghreb Digest: Côte d'Ivoire (RSS)", '/news/tags/cote-divoire/feed.xml'],
        ["Maghreb Digest: Côte d'Ivoire (Atom)", '/news/tags/cote-divoire/atom.xml'],
        ["Maghreb Digest: Côte d'Ivoire (JSON Feed)", '/news/tags/cote-divoire/feed.json'],
      ],
    );
  });
});
