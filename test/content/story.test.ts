import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { splitStory } from '../../src/content/frontmatter.js';
import { readStory, type StoryResult } from '../../src/content/story.js';
import { type StorySource, sameFrontMatter } from '../../src/content/story-source.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures');
const FILE = 'content/2020/10/01/story.md';

function read(text: string, timeZone = 'Africa/Algiers'): StoryResult {
  return readStory(FILE, splitStory(text, FILE), timeZone);
}

function readFixture(name: string, timeZone = 'Africa/Algiers'): StoryResult {
  return read(readFileSync(path.join(FIXTURES, name), 'utf8'), timeZone);
}

function storyOf(result: StoryResult): StorySource {
  assert.deepEqual(
    result.problems.map((problem) => problem.format()),
    [],
  );
  assert.ok(result.story);
  return result.story;
}

/** Where each problem was found, and what kind it is. */
const places = (problems: StoryResult['problems']) => problems.map(({ field, line, code }) => ({ field, line, code }));

describe('readStory', () => {
  it('reads every field of a complete story', () => {
    const result = readFixture('story-complete/story.md');
    const story = storyOf(result);
    // Its own fields, which a site declares in its configuration (content/read.ts drops these warnings then).
    assert.deepEqual(
      result.warnings.map((warning) => warning.format()),
      [
        `${FILE}:19:1  source_url  unknown field "source_url"  (a field of your own is declared in the configuration: fields: [source_url])  [field-unknown]`,
        `${FILE}:20:1  priority  unknown field "priority"  (a field of your own is declared in the configuration: fields: [priority])  [field-unknown]`,
      ],
    );
    assert.equal(story.file, FILE);
    assert.equal(story.title, 'US defense chief’s rare Algeria visit points to Sahel region threats');
    assert.equal(story.date.toISO(), '2020-10-01T16:40:00.000+01:00');
    assert.equal(story.updated?.toISO(), '2020-10-01T18:05:00.000+01:00');
    assert.deepEqual(story.tags, ['Algeria', 'United States', 'Libya', 'Sahel']);
    assert.equal(story.summary, 'Mark Esper made a rare visit to Algeria for talks on Libya and the Sahel.');
    assert.deepEqual(story.authors, ['Lamine Chikhi', 'Hamid Ould Ahmed']);
    assert.equal(story.section, 'Middle East');
    assert.equal(story.dateline, 'ALGIERS');
    assert.deepEqual(story.image, {
      src: '/images/algiers-central-post-office.svg',
      place: { line: 11, column: 3 },
      alt: 'The white facade of the central post office in Algiers',
      caption: 'A man walks past an “I love Algiers” banner.',
      credit: 'REUTERS/Ramzi Boudina/File Photo',
    });
    assert.equal(story.credits, 'Reporting by Lamine Chikhi; Editing by Daniel Wallis');
    assert.equal(story.draft, false);
    assert.equal(story.slug, 'esper-algeria-visit');
    assert.equal(story.id, 'urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11');
    assert.equal(story.body.text(), '\nUS Secretary of Defense Mark Esper made a rare visit to Algeria on Thursday.\n');
    assert.equal(story.bodyLine, 22);
  });

  it('warns about a misspelt field, with the field it was meant to be', () => {
    const result = readStory(FILE, splitStory('---\ntitle: Storm\ndate: 2020-10-01\ntgas: [Weather]\nsumary: Rain.\n---\n\nText.\n', FILE), 'UTC');
    assert.deepEqual(
      result.warnings.map((warning) => warning.format()),
      [
        `${FILE}:4:1  tgas  unknown field "tgas": did you mean "tags"?  (a field of your own is declared in the configuration: fields: [tgas])  [field-unknown]`,
        `${FILE}:5:1  sumary  unknown field "sumary": did you mean "summary"?  (a field of your own is declared in the configuration: fields: [sumary])  [field-unknown]`,
      ],
    );
  });

  it('passes unknown fields through as extra', () => {
    const story = storyOf(readFixture('story-complete/story.md'));
    assert.deepEqual(story.extra, { source_url: 'https://example.org/wire/123', priority: 2 });
  });

  it('reads one author as a list of one, and leaves optional fields out', () => {
    const story = storyOf(read('---\ntitle: Short\ndate: 2020-10-01\nauthor: Lamine Chikhi\n---\nBody\n'));
    assert.deepEqual(story.authors, ['Lamine Chikhi']);
    assert.deepEqual(story.tags, []);
    assert.equal(story.updated, undefined);
    assert.equal(story.summary, undefined);
    assert.equal(story.image, undefined);
    assert.equal(story.slug, undefined);
    assert.equal(story.id, undefined);
    assert.equal(story.draft, false);
    assert.deepEqual(story.extra, {});
  });

  it('reports every problem of a file at once, each with its field and line', () => {
    const result = readFixture('story-problems/broken.md');
    assert.equal(result.story, undefined);
    assert.deepEqual(
      result.problems.map((problem) => problem.format()),
      [
        `${FILE}:2:1  title  expected text, found number 42  (put the value in quotes)  [field-invalid]`,
        `${FILE}:3:1  date  "2021-02-30" is not a real date or time  (expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00)  [date-invalid]`,
        `${FILE}:4:1  updated  "2020-13-45" is not a real date or time  (expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00)  [date-invalid]`,
        `${FILE}:7:1  slug  "a/b" has characters a URL slug cannot have  (use letters, digits, "-", "_", "." and "~", e.g. "a-b")  [slug-invalid]`,
        `${FILE}:5:1  tags  expected a list, found a mapping  (e.g. tags: [Algeria, Libya])  [field-invalid]`,
        `${FILE}:9:1  authors  both "author" and "authors" are given  (keep one: "authors" takes a list)  [field-invalid]`,
      ],
    );
  });

  it('reports a missing title, an update before the date and a slug with no letters', () => {
    const result = readFixture('story-problems/untitled.md');
    assert.equal(result.story, undefined);
    assert.deepEqual(places(result.problems), [
      { field: 'title', line: undefined, code: 'field-missing' },
      { field: 'updated', line: 3, code: 'field-invalid' },
      { field: 'slug', line: 4, code: 'slug-invalid' },
    ]);
    assert.equal(result.problems[1]?.message, "is before the story's date (2020-10-02T10:00:00.000+01:00)");
    assert.equal(result.problems[2]?.message, '".." starts with "."');
    assert.equal(result.problems[2]?.hint, 'use letters, digits, "-", "_", "." and "~"');
  });

  it('refuses a missing date, a date that is not ISO 8601 and a leap day that does not exist', () => {
    assert.deepEqual(places(read('---\ntitle: T\n---\n').problems), [{ field: 'date', line: 3, code: 'field-missing' }]);
    for (const date of ['01/10/2020', '2020-10-01T16:40:00 CET', '2020', '2021-02-29', '2020-10-01T25:00']) {
      const result = read(`---\ntitle: T\ndate: ${date}\n---\n`);
      assert.deepEqual(places(result.problems), [{ field: 'date', line: 3, code: 'date-invalid' }], date);
    }
    assert.equal(storyOf(read('---\ntitle: T\ndate: 2020-02-29\n---\n')).date.toISODate(), '2020-02-29');
  });

  it('refuses a file name that gives an empty slug unless a slug is given; a headline gives none', () => {
    const file = 'content/2020/10/01/!!!.md';
    const text = '---\ntitle: "!!!"\ndate: 2020-10-01\n---\n';
    assert.deepEqual(
      readStory(file, splitStory(text, file), 'UTC').problems.map((problem) => problem.format()),
      [`${file}  slug  the file name gives the URL slug "", which is empty  (add a "slug:" field, or rename the file)  [slug-invalid]`],
    );
    assert.deepEqual(read(text).problems, []);
    assert.equal(storyOf(read('---\ntitle: "!!!"\ndate: 2020-10-01\nslug: exclamations\n---\n')).slug, 'exclamations');
  });

  it('refuses a tag that gives an empty URL slug', () => {
    const result = read('---\ntitle: Flags\ndate: 2020-10-01\ntags: [Algeria, "🇩🇿"]\n---\n');
    assert.deepEqual(places(result.problems), [{ field: 'tags', line: 4, code: 'slug-invalid' }]);
  });

  it('refuses fields of the wrong type', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\ndraft: yes\ntags: [Algeria, null, {a: 1}]\nsummary: ""\nimage:\n  alt: No source\n  size: 3\n---\n');
    assert.deepEqual(
      result.problems.map((problem) => problem.format()),
      [
        `${FILE}:5:1  tags  item 2 is empty  [field-invalid]`,
        `${FILE}:5:1  tags  expected text, found a mapping  (put the value in quotes)  [field-invalid]`,
        `${FILE}:6:1  summary  is empty  (remove the field or give it a value)  [field-invalid]`,
        `${FILE}:9:3  image.size  unknown image field "size"  (known fields: src, alt, caption, credit)  [field-invalid]`,
        `${FILE}:7:1  image  has no src  (add "src:" with the image path or URL)  [field-missing]`,
        `${FILE}:4:1  draft  expected true or false, found "yes"  [field-invalid]`,
      ],
    );
  });

  it('refuses front-matter that is not a mapping', () => {
    const result = read('---\n- title\n- date\n---\n');
    assert.equal(result.story, undefined);
    assert.deepEqual(
      result.problems.map((problem) => [problem.code, problem.message]),
      [['frontmatter-invalid', 'the front-matter must be a mapping of fields, found a list']],
    );
  });

  it('reads comma-separated tags as a list, with a warning', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\ntags: Algeria, Libya\n---\n');
    assert.deepEqual(storyOf(result).tags, ['Algeria', 'Libya']);
    assert.deepEqual(
      result.warnings.map((warning) => warning.format()),
      [`${FILE}:4:1  tags  read "Algeria, Libya" as a list of 2  (write a YAML list: tags: [Algeria, Libya])  [field-invalid]`],
    );
  });

  it('reads one tag without a comma as a list of one, without a warning', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\ntags: Algeria\n---\n');
    assert.deepEqual(storyOf(result).tags, ['Algeria']);
    assert.deepEqual(result.warnings, []);
  });

  it('reads a date without an offset in the site time zone', () => {
    const story = storyOf(read('---\ntitle: T\ndate: 2020-10-01 16:40\nupdated: 2020-10-02\n---\n', 'Africa/Algiers'));
    assert.equal(story.date.toISO(), '2020-10-01T16:40:00.000+01:00');
    assert.equal(story.date.toMillis(), Date.UTC(2020, 9, 1, 15, 40));
    assert.equal(story.updated?.toISO(), '2020-10-02T00:00:00.000+01:00');
  });

  it('keeps the instant of a date with an offset, shown in the site time zone', () => {
    const story = storyOf(read('---\ntitle: T\ndate: 2020-10-01T16:40:00Z\nupdated: 2020-10-01T20:00:00-04:00\n---\n', 'Africa/Algiers'));
    assert.equal(story.date.toMillis(), Date.UTC(2020, 9, 1, 16, 40));
    assert.equal(story.date.toISO(), '2020-10-01T17:40:00.000+01:00');
    assert.equal(story.updated?.toMillis(), Date.UTC(2020, 9, 2, 0, 0));
    assert.equal(story.date.zoneName, 'Africa/Algiers');
  });

  it('warns about an image without alt text', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\nimage:\n  src: /images/a.png\n---\n');
    assert.deepEqual(storyOf(result).image, { src: '/images/a.png', alt: undefined, caption: undefined, credit: undefined, place: { line: 5, column: 3 } });
    assert.deepEqual(
      result.warnings.map((warning) => warning.format()),
      [`${FILE}:4:1  image  has no alt text  (describe the picture in "alt:" for readers who cannot see it)  [field-invalid]`],
    );
  });

  it('warns about an image given as plain text, which has no alt text either', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\nimage: /images/a.png\n---\n');
    assert.deepEqual(storyOf(result).image, { src: '/images/a.png', alt: undefined, caption: undefined, credit: undefined, place: { line: 4, column: 1 } });
    assert.deepEqual(
      result.warnings.map((warning) => warning.format()),
      [`${FILE}:4:1  image  has no alt text  (write image as a mapping with "src:" and "alt:" describing the picture)  [field-invalid]`],
    );
  });
});

describe('readStory: aliases', () => {
  it('reads old URLs written from the site root as site paths', () => {
    const story = storyOf(read('---\ntitle: T\ndate: 2020-10-01\naliases: [/2020/09/30/old-slug/, /old.html, "/caf%C3%A9/", /news/a/b]\n---\n'));
    assert.deepEqual(story.aliases, ['2020/09/30/old-slug/', 'old.html', 'café/', 'news/a/b']);
  });

  it('reads one alias given as text, and none when the field is absent', () => {
    assert.deepEqual(storyOf(read('---\ntitle: T\ndate: 2020-10-01\naliases: /2020/09/30/old-slug/\n---\n')).aliases, ['2020/09/30/old-slug/']);
    assert.deepEqual(storyOf(read('---\ntitle: T\ndate: 2020-10-01\n---\n')).aliases, []);
  });

  it('refuses relative paths, parent folders, queries and fragments, each with its line', () => {
    const result = read(
      '---\ntitle: T\ndate: 2020-10-01\naliases:\n  - ../x\n  - relative/path\n  - /a?b\n  - /a#b\n  - /2020/../secret/\n  - /a//b/\n  - /x/CON/\n  - /ok/\n---\n',
    );
    assert.equal(result.story, undefined);
    const reserved = 'has a character a URL path or a file name cannot hold (? # \\ % < > " | * : or a control character)';
    assert.deepEqual(
      result.problems.map((problem) => problem.format()),
      [
        ['../x', 'does not start with "/"'],
        ['relative/path', 'does not start with "/"'],
        ['/a?b', reserved],
        ['/a#b', reserved],
        ['/2020/../secret/', 'has a ".." segment'],
        ['/a//b/', 'has an empty segment ("//")'],
        ['/x/CON/', 'has "CON", a reserved device name on Windows'],
      ].map(
        ([alias, why]) =>
          `${FILE}:4:1  aliases  "${alias}" is not a path on this site: it ${why}  (write the old URL from the site root, e.g. /2020/10/01/old-slug/)  [slug-invalid]`,
      ),
    );
  });

  it('refuses an alias with a broken percent-escape as a problem, without throwing', () => {
    let result: StoryResult | undefined;
    assert.doesNotThrow(() => {
      result = read('---\ntitle: T\ndate: 2020-10-01\naliases: ["/growth-of-100%/"]\n---\n');
    });
    assert.deepEqual(places(result?.problems ?? []), [{ field: 'aliases', line: 4, code: 'slug-invalid' }]);
  });
});

describe('readStory: corrections', () => {
  it('reads a list of dated corrections, oldest first, in the site time zone', () => {
    const story = storyOf(
      read(
        [
          '---',
          'title: T',
          'date: 2020-10-01T16:40:00+01:00',
          'corrections:',
          '  - date: 2020-10-03T08:00:00Z',
          '    text: "A second fix."',
          '  - date: 2020-10-02 09:00',
          '    text: An earlier version misspelt a name.',
          '---',
          '',
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      story.corrections.map((correction) => [correction.date.toISO(), correction.text]),
      [
        ['2020-10-02T09:00:00.000+01:00', 'An earlier version misspelt a name.'],
        ['2020-10-03T09:00:00.000+01:00', 'A second fix.'],
      ],
    );
    assert.equal(story.corrections[0]?.date.zoneName, 'Africa/Algiers');
  });

  it('has no corrections when the field is absent or empty', () => {
    assert.deepEqual(storyOf(read('---\ntitle: T\ndate: 2020-10-01\n---\n')).corrections, []);
    assert.deepEqual(storyOf(read('---\ntitle: T\ndate: 2020-10-01\ncorrections:\n---\n')).corrections, []);
  });

  it('refuses a bad date and a correction dated before the story, with the line', () => {
    const result = read(
      [
        '---',
        'title: T',
        'date: 2020-10-02T10:00:00+01:00',
        'corrections:',
        '  - date: yesterday',
        '    text: Bad date.',
        '  - date: 2020-10-01T09:00:00+01:00',
        '    text: Too early.',
        '  - date: 2020-02-30',
        '    text: No such day.',
        '  - text: No date.',
        '---',
        '',
      ].join('\n'),
    );
    assert.equal(result.story, undefined);
    assert.deepEqual(
      result.problems.map((problem) => problem.format()),
      [
        `${FILE}:4:1  corrections  "yesterday" is not a date  (expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00)  [date-invalid]`,
        `${FILE}:4:1  corrections  item 2 is dated before the story  (a correction comes after publication)  [field-invalid]`,
        `${FILE}:4:1  corrections  "2020-02-30" is not a real date or time  (expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00)  [date-invalid]`,
        `${FILE}:4:1  corrections  is required  (e.g. date: 2020-10-01T16:40:00+01:00)  [field-missing]`,
      ],
    );
  });

  it('refuses corrections that are not a list of mappings', () => {
    assert.deepEqual(
      read('---\ntitle: T\ndate: 2020-10-01\ncorrections: Fixed a name.\n---\n').problems.map((problem) => problem.format()),
      [
        `${FILE}:4:1  corrections  expected a list, found "Fixed a name."  (e.g. corrections: [{ date: 2020-10-02T09:00:00+01:00, text: "An earlier version misspelt …" }])  [field-invalid]`,
      ],
    );
    assert.deepEqual(
      read('---\ntitle: T\ndate: 2020-10-01\ncorrections: [Fixed a name.]\n---\n').problems.map((problem) => problem.format()),
      [`${FILE}:4:1  corrections  item 1: expected a mapping with date and text, found "Fixed a name."  [field-invalid]`],
    );
  });

  it('reports a correction without text once, with the line', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\ncorrections:\n  - date: 2020-10-02\n---\n');
    assert.equal(result.story, undefined);
    assert.deepEqual(
      result.problems.map((problem) => problem.format()),
      [`${FILE}:4:1  corrections  item 1 has no text  (say what was corrected)  [field-missing]`],
    );
  });

  it('reports a correction with an empty text instead of dropping it', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\ncorrections:\n  - date: 2020-10-02\n    text:\n---\n');
    assert.deepEqual(places(result.problems), [{ field: 'corrections', line: 4, code: 'field-missing' }]);
    assert.equal(result.story, undefined);
  });
});

describe('readStory: url', () => {
  it('keeps a whole path exactly, and refuses an unsafe one at its line', () => {
    assert.equal(storyOf(read('---\ntitle: T\ndate: 2020-10-01\nurl: /2020/10/03/My_Post.html\n---\n')).url, '2020/10/03/My_Post.html');
    assert.equal(storyOf(read('---\ntitle: T\ndate: 2020-10-01\nurl: /blog/my-post\n---\n')).url, 'blog/my-post/');
    assert.deepEqual(
      read('---\ntitle: T\ndate: 2020-10-01\nurl: /blog/../etc/\n---\n').problems.map((problem) => problem.format()),
      [`${FILE}:4:1  url  "/blog/../etc/" has a ".." segment  (write the path from the site root, e.g. url: /2020/10/03/My_Post.html)  [url-unsafe]`],
    );
  });
});

describe('readStory: what other generators write', () => {
  it("reads Jekyll's author mappings by their name", () => {
    assert.deepEqual(
      storyOf(read('---\ntitle: T\ndate: 2020-10-01\nauthor: { name: Eric Moreau, twitter: emoreau, url: "https://e.example" }\n---\n')).authors,
      ['Eric Moreau'],
    );
    assert.deepEqual(storyOf(read('---\ntitle: T\ndate: 2020-10-01\nauthors: [{ name: A }, B]\n---\n')).authors, ['A', 'B']);
  });

  it('reads space-separated tags as Jekyll does, with a warning', () => {
    const result = read('---\ntitle: T\ndate: 2020-10-01\ntags: oil gas libya\n---\n');
    assert.deepEqual(storyOf(result).tags, ['oil', 'gas', 'libya']);
    assert.equal(result.warnings[0]?.message, 'read "oil gas libya" as a list of 3');
  });

  it('makes the first category the section when there is none, and the others tags', () => {
    const story = storyOf(read('---\ntitle: T\ndate: 2020-10-01\ntags: [oil]\ncategories: [Economy, Libya]\n---\n'));
    assert.deepEqual([story.section, story.tags], ['Economy', ['oil', 'Libya']]);
    const sectioned = storyOf(read('---\ntitle: T\ndate: 2020-10-01\nsection: World\ncategory: Economy\n---\n'));
    assert.deepEqual([sectioned.section, sectioned.tags], ['World', ['Economy']]);
  });
});

describe('readStory: dates', () => {
  const dateOf = (file: string, text: string) => readStory(file, splitStory(text, file), 'Europe/London');

  it("reads Jekyll's date with a space before the offset", () => {
    const story = storyOf(dateOf(FILE, '---\ntitle: T\ndate: 2020-10-03 16:40:00 +0100\n---\n'));
    assert.equal(story.date.toISO(), '2020-10-03T16:40:00.000+01:00');
  });

  it("takes the file name's date when the front-matter has none", () => {
    const story = storyOf(dateOf('content/_posts/2020-10-03-storm.markdown', '---\ntitle: T\n---\n'));
    assert.equal(story.date.toISO(), '2020-10-03T00:00:00.000+01:00');
    assert.equal(storyOf(dateOf('content/posts/2020-10-03-storm/index.md', '---\ntitle: T\n---\n')).date.toISODate(), '2020-10-03');
  });

  it('refuses a story with no date at the line that closes its front-matter, naming the forms', () => {
    assert.deepEqual(
      dateOf(FILE, '---\ntitle: T\n---\nBody\n').problems.map((problem) => problem.format()),
      [
        `${FILE}:3  date  is required: the story has no date, and its file name does not start with one  (add a line "date: …" to the front-matter: ISO 8601 (2020-10-03, 2020-10-03T16:40:00+01:00), 2020-10-03 16:40:00 +0100, or a file name starting 2020-10-03-)  [field-missing]`,
      ],
    );
  });
});

describe('readStory: slugs a folder cannot hold', () => {
  it('says a hand-written slug is too long, and suggests the one cut after a whole word', () => {
    const slug = `${'word-'.repeat(60)}end`;
    const [problem] = read(`---\ntitle: T\ndate: 2020-10-01\nslug: ${slug}\n---\n`).problems;
    assert.equal(problem?.message, 'is longer than 255 bytes, more than a folder name can hold');
    assert.equal(problem?.hint, `e.g. "${'word-'.repeat(51).replace(/-$/, '')}"`);
  });
});

describe('sameFrontMatter', () => {
  const FRONT = '---\ntitle: "Talks resume"\ndate: 2020-10-01T10:00:00+01:00\ntags: [Libya]\nvenue: { city: Tunis, days: [1, 2] }\n---\n';
  const story = (text: string) => read(text).story as StorySource;

  it('is true for the same front-matter over another body, though a date was used since it was read', () => {
    const before = story(`${FRONT}\nFirst text.\n`);
    void before.date.weekday;
    assert.ok(sameFrontMatter(before, story(`${FRONT}\nFirst text, edited.\n`)));
  });

  it('is false when any field differs: a date by a minute, a nested value of a field Gazette does not know', () => {
    const before = story(`${FRONT}\nText.\n`);
    assert.ok(sameFrontMatter(before, story(`${FRONT.replace('T10:00:00+01:00', 'T11:00:00+02:00')}\nText.\n`)), 'the same instant, written in another zone');
    assert.ok(!sameFrontMatter(before, story(`${FRONT.replace('T10:00', 'T10:01')}\nText.\n`)));
    assert.ok(!sameFrontMatter(before, story(`${FRONT.replace('days: [1, 2]', 'days: [1, 3]')}\nText.\n`)));
    assert.ok(!sameFrontMatter(before, story(`${FRONT.replace('tags: [Libya]', 'tags: [Libya, Tunisia]')}\nText.\n`)));
  });
});

describe('pages', () => {
  it('reads a file of the pages folder as a page, its date optional', () => {
    const result = readStory('content/pages/about.md', splitStory('---\ntitle: About us\n---\nWho we are.\n', 'content/pages/about.md'), 'UTC', 'page');
    const page = storyOf(result);
    assert.equal(page.kind, 'page');
    assert.equal(page.dated, false);
  });

  it('reads `type: page` anywhere as a page, and `type: story` in the pages folder as a story', () => {
    assert.equal(storyOf(read('---\ntitle: Contact\ntype: page\n---\nWrite to us.\n')).kind, 'page');
    const story = readStory('content/pages/x.md', splitStory('---\ntitle: X\ntype: story\ndate: 2020-10-01\n---\nX.\n', 'content/pages/x.md'), 'UTC', 'page');
    assert.equal(storyOf(story).kind, 'story');
  });

  it('still needs a title, and a story still needs its date; an unknown type is refused', () => {
    const fields = (result: StoryResult) => result.problems.map(({ field, code }) => ({ field, code }));
    assert.deepEqual(fields(read('---\ntype: page\n---\nNo title.\n')), [{ field: 'title', code: 'field-missing' }]);
    assert.deepEqual(fields(read('---\ntitle: T\n---\nNo date.\n')), [{ field: 'date', code: 'field-missing' }]);
    assert.deepEqual(places(read('---\ntitle: T\ntype: post\ndate: 2020-10-01\n---\n').problems), [{ field: 'type', line: 3, code: 'field-invalid' }]);
  });
});
