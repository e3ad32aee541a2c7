import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { BuildFailed } from '../../src/errors.js';
import { buildSiteGraph } from '../../src/model/site.js';
import type { Story } from '../../src/model/types.js';
import { makeConfig } from '../support/config.js';
import { hiddenClasses } from '../support/shapes.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const ALGIERS = { timeZone: 'Africa/Algiers', baseUrl: 'https://example.org/news/' };
const config = makeConfig(ALGIERS); // now: 2020-10-05T00:00:00Z
const story = (fields: StoryFields) => makeStory({ zone: 'Africa/Algiers', ...fields });
const titles = (stories: readonly Story[] | undefined) => (stories ?? []).map((item) => item.title);

describe('buildSiteGraph', () => {
  it('makes stories of one hidden class, so that reading their fields stays fast', () => {
    const sources = Array.from({ length: 100 }, (_, index) =>
      story({
        title: `Story ${index}`,
        date: `2020-09-${String(1 + (index % 28)).padStart(2, '0')}T10:${String(index % 60).padStart(2, '0')}:00`,
        tags: index % 3 === 0 ? ['Oil'] : ['Gas', 'Libya'],
      }),
    );
    assert.equal(hiddenClasses(buildSiteGraph(sources, config).stories), 1);
  });

  describe('publication', () => {
    const sources = [
      story({ title: 'Published', date: '2020-10-01T10:00:00' }),
      story({ title: 'Draft', date: '2020-10-02T10:00:00', draft: true }),
      story({ title: 'Future', date: '2020-10-06T10:00:00' }),
      story({ title: 'Exactly now', date: '2020-10-05T00:00:00Z' }),
    ];

    it('leaves drafts and future stories out', () => {
      assert.deepEqual(titles(buildSiteGraph(sources, config).stories), ['Exactly now', 'Published']);
    });

    it('includes drafts with drafts on', () => {
      assert.deepEqual(titles(buildSiteGraph(sources, makeConfig(ALGIERS, { drafts: true })).stories), ['Exactly now', 'Draft', 'Published']);
    });

    it('includes future stories with future on, and marks them', () => {
      const site = buildSiteGraph(sources, makeConfig(ALGIERS, { future: true }));
      assert.deepEqual(
        site.stories.map((item) => [item.title, item.future]),
        [
          ['Future', true],
          ['Exactly now', false],
          ['Published', false],
        ],
      );
    });

    it('keeps left-out stories out of tags and editions too', () => {
      const site = buildSiteGraph(
        [
          story({ title: 'Seen', date: '2020-10-01T10:00:00', tags: ['Algeria'] }),
          story({ title: 'Hidden', date: '2020-10-03T10:00:00', tags: ['Algeria', 'Secret'], draft: true }),
        ],
        config,
      );
      assert.deepEqual(
        site.tags.map((tag) => [tag.name, titles(tag.stories)]),
        [['Algeria', ['Seen']]],
      );
      assert.deepEqual(
        site.editions.map((edition) => edition.day),
        ['2020-10-01'],
      );
    });
  });

  it('orders stories newest first, same times by file', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'Old', date: '2020-09-01T10:00:00' }),
        story({ title: 'Second file', date: '2020-10-01T10:00:00', file: 'content/b.md' }),
        story({ title: 'New', date: '2020-10-03T10:00:00' }),
        story({ title: 'First file', date: '2020-10-01T09:00:00Z', file: 'content/a.md' }),
      ],
      config,
    );
    assert.deepEqual(titles(site.stories), ['New', 'First file', 'Second file', 'Old']);
  });

  it('derives the slug from the title unless one is given, and the permalink from the local date', () => {
    const site = buildSiteGraph(
      [
        story({ title: "Côte d'Ivoire votes", date: '2020-10-01T10:00:00' }),
        story({ title: 'Late night in Algiers', date: '2020-10-01T23:30:00Z' }),
        story({ title: 'Given', date: '2020-09-30T10:00:00', slug: 'my-own-slug' }),
      ],
      config,
    );
    assert.deepEqual(
      site.stories.map((item) => [item.slug, item.permalink, item.day]),
      [
        ['late-night-in-algiers', '2020/10/02/late-night-in-algiers/', '2020-10-02'],
        ['cote-divoire-votes', '2020/10/01/cote-divoire-votes/', '2020-10-01'],
        ['my-own-slug', '2020/09/30/my-own-slug/', '2020-09-30'],
      ],
    );
  });

  it('expands :section to the section slug, or news', () => {
    const sectioned = makeConfig({ ...ALGIERS, permalink: '/:section/:slug/' });
    const site = buildSiteGraph(
      [story({ title: 'Desk story', date: '2020-10-02T10:00:00', section: 'Middle East' }), story({ title: 'Plain story', date: '2020-10-01T10:00:00' })],
      sectioned,
    );
    assert.deepEqual(
      site.stories.map((item) => item.permalink),
      ['middle-east/desk-story/', 'news/plain-story/'],
    );
  });

  it('expands :section to news for a section with no letter or digit, never to an empty segment', () => {
    const sectioned = makeConfig({ ...ALGIERS, permalink: '/:year/:section/:slug/' });
    const site = buildSiteGraph([story({ title: 'Dashed desk', date: '2020-10-02T10:00:00', section: '—' })], sectioned);
    assert.deepEqual(
      site.stories.map((item) => item.permalink),
      ['2020/news/dashed-desk/'],
    );
  });

  it('uses the front-matter id as feed id, else the absolute URL', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'With id', date: '2020-10-02T10:00:00', id: 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11' }),
        story({ title: 'Without id', date: '2020-10-01T10:00:00' }),
      ],
      config,
    );
    assert.deepEqual(
      site.stories.map((item) => item.feedId),
      ['urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11', 'https://example.org/news/2020/10/01/without-id/'],
    );
  });

  it('groups stories into editions by the day in the site time zone', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'Evening', date: '2020-10-01T21:00:00Z' }),
        story({ title: 'After midnight in Algiers', date: '2020-10-01T23:30:00Z' }),
        story({ title: 'Morning', date: '2020-10-01T08:00:00' }),
        story({ title: 'Day before', date: '2020-09-30T12:00:00' }),
      ],
      config,
    );
    assert.deepEqual(
      site.editions.map((edition) => [edition.day, titles(edition.stories)]),
      [
        ['2020-10-02', ['After midnight in Algiers']],
        ['2020-10-01', ['Evening', 'Morning']],
        ['2020-09-30', ['Day before']],
      ],
    );
  });

  it('links every story to the next older and newer one', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'B', date: '2020-10-02T10:00:00' }),
        story({ title: 'A', date: '2020-10-01T10:00:00' }),
        story({ title: 'C', date: '2020-10-03T10:00:00' }),
      ],
      config,
    );
    assert.deepEqual(
      site.stories.map((item) => [item.title, item.older?.title, item.newer?.title]),
      [
        ['C', 'B', undefined],
        ['B', 'A', 'C'],
        ['A', undefined, 'B'],
      ],
    );
  });

  it('folds tags that differ in case or diacritics into one, named by the most used spelling', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'One', date: '2020-10-01T10:00:00', tags: ["Côte d'Ivoire", 'libya'] }),
        story({ title: 'Two', date: '2020-10-02T10:00:00', tags: ["cote d'ivoire", "Côte d'Ivoire"] }),
        story({ title: 'Three', date: '2020-10-03T10:00:00', tags: ["Côte d'Ivoire", 'Libya', 'Algeria'] }),
      ],
      config,
    );
    assert.deepEqual(
      site.tags.map((tag) => [tag.slug, tag.name, titles(tag.stories)]),
      [
        ['algeria', 'Algeria', ['Three']],
        ['cote-divoire', "Côte d'Ivoire", ['Three', 'Two', 'One']],
        ['libya', 'Libya', ['Three', 'One']],
      ],
    );
    const two = site.stories.find((item) => item.title === 'Two');
    assert.deepEqual(
      two?.tagList.map((tag) => tag.slug),
      ['cote-divoire'],
    );
  });

  it('relates stories by the most shared tags, then the nearest in time, at most four', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'Main', date: '2020-10-03T10:00:00', tags: ['a', 'b', 'c'] }),
        story({ title: 'Shares three', date: '2020-09-01T10:00:00', tags: ['c', 'b', 'a'] }),
        story({ title: 'Shares two', date: '2020-09-02T10:00:00', tags: ['a', 'b'] }),
        story({ title: 'Shares one, near', date: '2020-10-02T10:00:00', tags: ['c'] }),
        story({ title: 'Shares one, far', date: '2020-09-20T10:00:00', tags: ['a'] }),
        story({ title: 'Shares one, farther', date: '2020-09-10T10:00:00', tags: ['b'] }),
        story({ title: 'Shares none', date: '2020-10-03T09:00:00', tags: ['d'] }),
      ],
      config,
    );
    const main = site.stories.find((item) => item.title === 'Main');
    assert.deepEqual(titles(main?.related), ['Shares three', 'Shares two', 'Shares one, near', 'Shares one, far']);
    assert.deepEqual(titles(site.stories.find((item) => item.title === 'Shares none')?.related), []);
  });

  it('picks the same related stories as counting every story that shares a tag, on a large skewed site', () => {
    // Seeded: 600 stories over 20 days (many at the same minute), tags drawn so that one holds a
    // quarter of the site, as popular tags do.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const tagNames = Array.from({ length: 40 }, (_, index) => `tag${index}`);
    const sources = Array.from({ length: 600 }, (_, index) => {
      const tags = new Set<string>();
      for (let pick = 0; pick < 1 + Math.floor(next() * 4); pick++) tags.add(tagNames[Math.floor(next() ** 3 * tagNames.length)] as string);
      const day = String(1 + Math.floor(next() * 20)).padStart(2, '0');
      const hour = String(Math.floor(next() * 3) + 8).padStart(2, '0');
      return story({ title: `Story ${index}`, date: `2020-09-${day}T${hour}:00:00`, tags: [...tags] });
    });
    const site = buildSiteGraph(sources, config);
    const counted = (main: Story) =>
      site.stories
        .filter((other) => other !== main)
        .map((other) => ({
          other,
          count: other.tagList.filter((tag) => main.tagList.includes(tag)).length,
          distance: Math.abs(other.date.toMillis() - main.date.toMillis()),
        }))
        .filter(({ count }) => count > 0)
        .sort((a, b) => b.count - a.count || a.distance - b.distance || (a.other.file < b.other.file ? -1 : 1))
        .slice(0, 4)
        .map(({ other }) => other.title);
    assert.ok(Math.max(...site.tags.map((tag) => tag.stories.length)) > 120, 'one tag is popular');
    for (const main of site.stories) assert.deepEqual(titles(main.related), counted(main), main.title);
  });

  it('refuses two stories with one permalink, naming both files', () => {
    assert.throws(
      () =>
        buildSiteGraph(
          [
            story({ title: 'Twin', date: '2020-10-01T10:00:00', file: 'content/b/twin.md' }),
            story({ title: 'Twin', date: '2020-10-01T11:00:00', file: 'content/a/twin.md' }),
            story({ title: 'Other', slug: 'twin', date: '2020-10-01T12:00:00', file: 'content/c.md' }),
          ],
          config,
        ),
      (error: unknown) => {
        assert.ok(error instanceof BuildFailed);
        assert.deepEqual(
          error.problems.map((problem) => [problem.code, problem.file, problem.field, problem.message]),
          [
            ['permalink-duplicate', 'content/b/twin.md', 'slug', 'has the same URL /2020/10/01/twin/ as content/a/twin.md'],
            ['permalink-duplicate', 'content/c.md', 'slug', 'has the same URL /2020/10/01/twin/ as content/a/twin.md'],
          ],
        );
        return true;
      },
    );
  });

  it('refuses two stories with one feed id, naming both files and the lines of their ids', () => {
    const problems = (sources: Parameters<typeof buildSiteGraph>[0]) => {
      try {
        buildSiteGraph(sources, config);
        return [];
      } catch (error) {
        assert.ok(error instanceof BuildFailed);
        return error.problems.map((problem) => [problem.code, problem.file, problem.line, problem.field, problem.message]);
      }
    };
    // A story copied as a template keeps the original's id: named at the newer story's.
    assert.deepEqual(
      problems([
        story({ title: 'Copy', date: '2020-10-02T10:00:00', file: 'content/copy.md', id: 'urn:uuid:1b4e28ba', idLine: 6 }),
        story({ title: 'Original', date: '2020-10-01T10:00:00', file: 'content/original.md', id: 'urn:uuid:1b4e28ba', idLine: 4 }),
      ]),
      [['id-duplicate', 'content/copy.md', 6, 'id', '"urn:uuid:1b4e28ba" is also the feed id of content/original.md:4']],
    );
    // Ids that differ only in case, Unicode normalization or spacing are one id to some readers.
    assert.deepEqual(
      problems([
        story({ title: 'One', date: '2020-10-01T10:00:00', file: 'content/a.md', id: 'urn:Story  Café', idLine: 4 }),
        story({ title: 'Two', date: '2020-10-02T10:00:00', file: 'content/b.md', id: 'urn:story cafe\u0301', idLine: 5 }),
      ]),
      [
        [
          'id-duplicate',
          'content/b.md',
          5,
          'id',
          '"urn:story cafe\u0301" differs only in case, spacing or spelling from the feed id of content/a.md:4 ("urn:Story  Café")',
        ],
      ],
    );
    // An explicit id that is another story's URL-derived id (its first URL), spelled another way.
    assert.deepEqual(
      problems([
        story({ title: 'Named', date: '2020-10-01T10:00:00', file: 'content/named.md' }),
        story({ title: 'Other', date: '2020-10-02T10:00:00', file: 'content/b.md', id: 'HTTPS://Example.org:443/news/2020/10/01/named/', idLine: 3 }),
      ]),
      [
        [
          'id-duplicate',
          'content/b.md',
          3,
          'id',
          '"HTTPS://Example.org:443/news/2020/10/01/named/" differs only in case, spacing or spelling from the feed id of content/named.md, which has no "id:" and is known by its first URL',
        ],
      ],
    );
    assert.deepEqual(
      problems([
        story({ title: 'Renamed', date: '2020-10-01T10:00:00', file: 'content/a.md', aliases: ['2020/10/01/old/'] }),
        story({ title: 'Other', date: '2020-10-02T10:00:00', file: 'content/b.md', id: 'https://example.org/news/2020/10/01/old/', idLine: 3 }),
      ]),
      [
        [
          'id-duplicate',
          'content/b.md',
          3,
          'id',
          '"https://example.org/news/2020/10/01/old/" is also the feed id of content/a.md, which has no "id:" and is known by its first URL',
        ],
      ],
    );
    // Distinct ids, and a story's id equal to its own URL, are fine.
    assert.deepEqual(
      problems([
        story({ title: 'One', date: '2020-10-01T10:00:00', file: 'content/a.md', id: 'https://example.org/news/2020/10/01/one/' }),
        story({ title: 'Two', date: '2020-10-02T10:00:00', file: 'content/b.md', id: 'urn:two' }),
        story({ title: 'Three', date: '2020-10-03T10:00:00', file: 'content/c.md' }),
      ]),
      [],
    );
  });

  it("leaves out an alias that is the story's own URL, with a warning naming its line, not a duplicate", () => {
    const site = buildSiteGraph(
      [
        story({
          title: 'Own',
          date: '2020-10-01T10:00:00',
          file: 'content/own.md',
          aliases: ['2020/10/01/OWN/', '2019/old/'],
          aliasPlaces: [
            { line: 5, column: 5 },
            { line: 6, column: 5 },
          ],
        }),
      ],
      config,
    );
    assert.deepEqual(site.stories[0]?.aliases, ['2019/old/']);
    assert.deepEqual(
      site.warnings.map((warning) => warning.format()),
      ["content/own.md:5:5  aliases  the old URL /2020/10/01/OWN/ is the story's own URL: nothing to redirect  (remove it from aliases)  [alias-own-url]"],
    );
  });

  it('gives a story with url: that path, and its file name the slug', () => {
    const [placed] = buildSiteGraph(
      [story({ title: 'A headline', date: '2020-10-01T10:00:00', file: 'content/2020-10-01-My_Post.md', url: '2020/10/01/My_Post.html' })],
      config,
    ).stories;
    assert.deepEqual([placed?.slug, placed?.permalink], ['My_Post', '2020/10/01/My_Post.html']);
  });

  it('allows the same slug on different days', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'Twin', date: '2020-10-01T10:00:00', file: 'content/a/twin.md' }),
        story({ title: 'Twin', date: '2020-10-02T10:00:00', file: 'content/b/twin.md' }),
      ],
      config,
    );
    assert.deepEqual(
      site.stories.map((item) => item.permalink),
      ['2020/10/02/twin/', '2020/10/01/twin/'],
    );
  });

  describe('modified', () => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Africa/Algiers' });
    const fix = (iso: string) => ({ date: at(iso), text: `Fixed at ${iso}.` });
    const modified = (fields: Omit<StoryFields, 'title' | 'date'>) =>
      buildSiteGraph([story({ title: 'Story', date: '2020-10-01T10:00:00', ...fields })], config).stories[0]?.modified.toISO();

    it('is the date of a story never changed', () => {
      assert.equal(modified({}), '2020-10-01T10:00:00.000+01:00');
    });

    it('is the update when there is one', () => {
      assert.equal(modified({ updated: '2020-10-01T12:30:00' }), '2020-10-01T12:30:00.000+01:00');
    });

    it('is the latest correction when it comes after the update', () => {
      assert.equal(
        modified({ updated: '2020-10-01T12:30:00', corrections: [fix('2020-10-02T09:00:00'), fix('2020-10-03T08:15:00')] }),
        '2020-10-03T08:15:00.000+01:00',
      );
      assert.equal(modified({ corrections: [fix('2020-10-03T08:15:00'), fix('2020-10-02T09:00:00')] }), '2020-10-03T08:15:00.000+01:00');
    });

    it('is the update when it comes after every correction', () => {
      assert.equal(modified({ updated: '2020-10-04T18:00:00', corrections: [fix('2020-10-02T09:00:00')] }), '2020-10-04T18:00:00.000+01:00');
    });
  });

  it('uses the first alias as feed id when the story has no id, so a renamed story keeps it', () => {
    const site = buildSiteGraph(
      [
        story({ title: 'Renamed', slug: 'new-name', date: '2020-10-02T10:00:00', aliases: ['2020/10/02/old-name/', '2020/10/02/older-name/'] }),
        story({ title: 'Renamed with id', slug: 'other', date: '2020-10-01T10:00:00', aliases: ['2020/10/01/first/'], id: 'tag:example.org,2020:x' }),
      ],
      config,
    );
    assert.deepEqual(
      site.stories.map((item) => [item.permalink, item.feedId]),
      [
        ['2020/10/02/new-name/', 'https://example.org/news/2020/10/02/old-name/'],
        ['2020/10/01/other/', 'tag:example.org,2020:x'],
      ],
    );
  });
});

describe('standalone pages', () => {
  const page = (fields: Partial<StoryFields> & { file: string }) =>
    story({ title: 'About us', date: '1970-01-01T00:00:00Z', kind: 'page', dated: false, tags: ['Algeria'], section: 'Africa', authors: ['Ines'], ...fields });
  const sources = [
    story({ title: 'A story', date: '2020-10-01T10:00:00', tags: ['Algeria'], section: 'Africa', authors: ['Ines'] }),
    page({ file: 'content/pages/about.md' }),
    page({ file: 'content/desk/contact.md', title: 'Contact' }),
  ];

  it("are in site.pages at their own URLs, and in none of the stories' lists and groups", () => {
    const site = buildSiteGraph(sources, config);
    assert.deepEqual(
      site.pages.map((each) => each.permalink),
      ['about/', 'contact/'],
    );
    assert.deepEqual(titles(site.stories), ['A story']);
    assert.deepEqual(
      site.tags.map((tag) => titles(tag.stories)),
      [['A story']],
    );
    assert.deepEqual(
      site.sections.map((section) => titles(section.stories)),
      [['A story']],
    );
    assert.deepEqual(
      site.authors.map((author) => titles(author.stories)),
      [['A story']],
    );
    assert.deepEqual(
      site.editions.map((edition) => titles(edition.stories)),
      [['A story']],
    );
    assert.equal(site.stories[0]?.older, undefined);
  });

  it('claim their URL against stories and other pages', () => {
    const clash = [...sources, page({ file: 'content/pages/contact.md', title: 'Contact again' })];
    assert.throws(
      () => buildSiteGraph(clash, config),
      (error: unknown) =>
        error instanceof BuildFailed && error.problems.some((problem) => problem.code === 'permalink-duplicate' && /\/contact\//.test(problem.message)),
    );
  });
});
