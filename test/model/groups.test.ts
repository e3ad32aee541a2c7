import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuthorProfile } from '../../src/content/authors.js';
import { buildSiteGraph } from '../../src/model/site.js';
import type { Story } from '../../src/model/types.js';
import { makeConfig } from '../support/config.js';
import { makeStory, type StoryFields } from '../support/stories.js';

const ALGIERS = { timeZone: 'Africa/Algiers', baseUrl: 'https://example.org/news/' };
const story = (fields: StoryFields) => makeStory({ zone: 'Africa/Algiers', ...fields });
const titles = (stories: readonly Story[] | undefined) => (stories ?? []).map((item) => item.title);
const profile = (fields: Partial<AuthorProfile> & Pick<AuthorProfile, 'key'>): AuthorProfile => ({
  name: fields.key,
  bio: undefined,
  photo: undefined,
  email: undefined,
  links: [],
  file: 'content/authors.yaml',
  line: 1,
  column: 1,
  ...fields,
});

describe('sections', () => {
  const sources = [
    story({ title: 'Cocoa', date: '2020-10-03T10:00:00', section: 'Économie' }),
    story({ title: 'Ceasefire', date: '2020-10-03T09:00:00', section: 'middle east' }),
    story({ title: 'Esper', date: '2020-10-02T10:00:00', section: 'Middle East' }),
    story({ title: 'Crossings', date: '2020-10-02T09:00:00', section: 'Europe' }),
    story({ title: 'Referendum', date: '2020-10-01T10:00:00', section: 'Middle-East' }),
    story({ title: 'Draft', date: '2020-10-01T11:00:00', section: 'Sport', draft: true }),
    story({ title: 'Dashed', date: '2020-10-01T09:00:00', section: '—' }),
    story({ title: 'Plain', date: '2020-10-01T08:00:00' }),
  ];

  it("lists the configured sections first, in their order and spelling, then the others by name in the site's language", () => {
    const site = buildSiteGraph(sources, makeConfig({ ...ALGIERS, sections: ['MIDDLE EAST', 'Africa'] }));
    assert.deepEqual(
      site.sections.map((section) => [section.name, section.slug, section.configured, titles(section.stories)]),
      [
        ['MIDDLE EAST', 'middle-east', true, ['Ceasefire', 'Esper', 'Referendum']],
        ['Économie', 'economie', false, ['Cocoa']],
        ['Europe', 'europe', false, ['Crossings']],
      ],
    );
  });

  it('names an unconfigured section by the spelling most stories use', () => {
    assert.deepEqual(
      buildSiteGraph(sources, makeConfig(ALGIERS)).sections.map((section) => section.name),
      ['Économie', 'Europe', 'Middle East'],
      'a tie goes to the first in code point order',
    );
    const more = [...sources, story({ title: 'Talks', date: '2020-09-30T10:00:00', section: 'middle east' })];
    assert.deepEqual(
      buildSiteGraph(more, makeConfig(ALGIERS)).sections.map((section) => section.name),
      ['Économie', 'Europe', 'middle east'],
    );
  });

  it('puts a story in its section, and a story without one (or with no letter in it) in none', () => {
    const site = buildSiteGraph(sources, makeConfig(ALGIERS));
    const sectionOf = (title: string) => site.stories.find((item) => item.title === title)?.sectionFront?.slug;
    assert.deepEqual(['Esper', 'Cocoa', 'Dashed', 'Plain'].map(sectionOf), ['middle-east', 'economie', undefined, undefined]);
    assert.equal(site.stories.find((item) => item.title === 'Dashed')?.section, '—');
  });

  it('warns about a configured section no published story is in, naming its line', () => {
    const site = buildSiteGraph(sources, makeConfig({ ...ALGIERS, sections: ['Middle East', 'Sport', 'Africa'] }));
    assert.deepEqual(
      site.warnings.map((warning) => warning.format()),
      [
        'gazette.config.json:6:5  sections  no published story is in the section "Sport": it has no page and is left out of the navigation  (check its spelling against the stories\' "section:", or remove it)  [config-invalid]',
        'gazette.config.json:7:5  sections  no published story is in the section "Africa": it has no page and is left out of the navigation  (check its spelling against the stories\' "section:", or remove it)  [config-invalid]',
      ],
    );
    assert.deepEqual(
      site.sections.map((section) => section.name),
      ['Middle East', 'Économie', 'Europe'],
    );
    const withDrafts = buildSiteGraph(sources, makeConfig({ ...ALGIERS, sections: ['Middle East', 'Sport'] }, { drafts: true }));
    assert.deepEqual(
      withDrafts.sections.map((section) => section.name),
      ['Middle East', 'Sport', 'Économie', 'Europe'],
    );
    assert.deepEqual(withDrafts.warnings, []);
  });
});

describe('authors', () => {
  const sources = [
    story({ title: 'Cocoa', date: '2020-10-03T10:00:00', authors: ['Aminata Koné'] }),
    story({ title: 'Joint force', date: '2020-10-02T10:00:00', authors: ['Moussa Diarra', 'aminata kone'] }),
    story({ title: 'League', date: '2020-10-01T10:00:00', authors: ['Aminata Koné', '—'] }),
    story({ title: 'Unsigned', date: '2020-10-01T09:00:00' }),
  ];
  const config = makeConfig(ALGIERS);

  it('groups stories by author, names that differ only in case or accents being one, newest first', () => {
    const site = buildSiteGraph(sources, config);
    assert.deepEqual(
      site.authors.map((author) => [author.name, author.slug, titles(author.stories), author.profile]),
      [
        ['Aminata Koné', 'aminata-kone', ['Cocoa', 'Joint force', 'League'], undefined],
        ['Moussa Diarra', 'moussa-diarra', ['Joint force'], undefined],
      ],
    );
  });

  it("gives each name of a byline its author, in the byline's order; a name without letters has none", () => {
    const site = buildSiteGraph(sources, config);
    const authorsOf = (title: string) => site.stories.find((item) => item.title === title)?.authorList.map((author) => author?.slug);
    assert.deepEqual(authorsOf('Joint force'), ['moussa-diarra', 'aminata-kone']);
    assert.deepEqual(authorsOf('League'), ['aminata-kone', undefined]);
    assert.deepEqual(authorsOf('Unsigned'), []);
  });

  it('takes the name from a profile matched by name, and the page from its key', () => {
    const site = buildSiteGraph(sources, config, [profile({ key: 'akone', name: 'AMINATA KONÉ', bio: 'Abidjan.' }), profile({ key: 'Moussa Diarra' })]);
    assert.deepEqual(
      site.authors.map((author) => [author.name, author.slug, author.profile?.bio]),
      [
        ['AMINATA KONÉ', 'akone', 'Abidjan.'],
        ['Moussa Diarra', 'moussa-diarra', undefined],
      ],
    );
    assert.deepEqual(site.warnings, []);
  });

  it("reads a byline written by a profile's key as the profile's name, beside bylines by name", () => {
    const byId = [
      story({ title: 'By id', date: '2020-10-03T10:00:00', authors: ['akone', 'Moussa Diarra'] }),
      story({ title: 'By name', date: '2020-10-02T10:00:00', authors: ['Aminata Koné'] }),
    ];
    const site = buildSiteGraph(byId, config, [profile({ key: 'akone', name: 'Aminata Koné' })]);
    assert.deepEqual(site.stories[0]?.authors, ['Aminata Koné', 'Moussa Diarra']);
    assert.deepEqual(
      site.authors.map((author) => [author.name, author.slug, titles(author.stories)]),
      [
        ['Aminata Koné', 'akone', ['By id', 'By name']],
        ['Moussa Diarra', 'moussa-diarra', ['By id']],
      ],
    );
  });

  it('warns about a profile no published byline matches, naming its line', () => {
    const site = buildSiteGraph(sources, config, [profile({ key: 'Amina Kone', line: 7, column: 1 })]);
    assert.deepEqual(
      site.warnings.map((warning) => warning.format()),
      [
        'content/authors.yaml:7:1  Amina Kone  no published story has the author "Amina Kone": the profile has no page  (check the spelling against the stories\' "author:", or give the profile a "name:" as bylines write it)  [authors-invalid]',
      ],
    );
  });

  it("reads a byline that is another profile's key as that profile: keys are ids", () => {
    const site = buildSiteGraph(sources, config, [profile({ key: 'moussa-diarra', name: 'Aminata Koné', line: 3, column: 1 })]);
    assert.deepEqual(
      site.authors.map((author) => [author.name, author.slug, titles(author.stories)]),
      [['Aminata Koné', 'moussa-diarra', ['Cocoa', 'Joint force', 'League']]],
    );
  });
});
