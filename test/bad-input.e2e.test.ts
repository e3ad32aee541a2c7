// The bad-input matrix: every story in test/fixtures/bad-input/ (a file, or a folder of files that
// only go wrong together) is built through the real loader and build, and its outcome is exactly
// the one in the table below: the problems as printed, or a site with the warnings and the safe
// render listed. Inputs too big to keep in the repository are made by the tests further down.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { XMLValidator } from 'fast-xml-parser';
import { buildSmallSite, type SmallSite } from './support/small-site.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/bad-input');
const DATE_HINT = '(expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00)';
const CONTROL_HINT = '(they are invisible and forbidden in feeds; they usually come from text pasted from elsewhere)';

interface Outcome {
  /** Every problem, exactly as printed; the build fails and writes nothing. */
  problems?: string[];
  /** Every warning, exactly as printed; the build succeeds. */
  warnings?: string[];
  /** What the built site must show. */
  site?: (site: SmallSite) => Promise<void>;
}

/** Unpublishable characters: C0 controls but tab and newline, DEL, C1 controls. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

async function page(site: SmallSite, sitePath: string) {
  return cheerio.load(await site.read(`${sitePath}index.html`));
}

const MATRIX: Record<string, Outcome> = {
  // Front-matter
  'invalid-yaml.md': {
    problems: [
      'content/invalid-yaml.md:4:10  invalid YAML: Nested mappings are not allowed in compact mappings  (quote values that contain ": " or start with a special character)  [frontmatter-invalid]',
    ],
  },
  'unterminated.md': {
    problems: [
      'content/unterminated.md:1:1  the front-matter block is not closed  (end the front-matter with a line "---" before the story text)  [frontmatter-invalid]',
    ],
  },
  'empty.md': {
    problems: [
      'content/empty.md:1:1  the story has no front-matter  (start the file with a line "---", then "title: …" and "date: …", then "---")  [frontmatter-invalid]',
    ],
  },
  'missing-title.md': { problems: ['content/missing-title.md  title  is required  (add a line "title: …" to the front-matter)  [field-missing]'] },
  'blank-title.md': { problems: ['content/blank-title.md:2:1  title  is empty  (remove the field or give it a value)  [field-invalid]'] },
  'number-title.md': { problems: ['content/number-title.md:2:1  title  expected text, found number 1984  (put the value in quotes)  [field-invalid]'] },
  'tags-mapping.md': { problems: ['content/tags-mapping.md:4:1  tags  expected a list, found a mapping  (e.g. tags: [Algeria, Libya])  [field-invalid]'] },
  'tags-one-string.md': {
    warnings: ['content/tags-one-string.md:4:1  tags  read "Algeria, Libya" as a list of 2  (write a YAML list: tags: [Algeria, Libya])  [field-invalid]'],
    async site(site) {
      const $ = await page(site, '2020/10/01/tags-one-string/');
      assert.deepEqual(
        [...$('a[rel="tag"]')].map((tag) => $(tag).text()),
        ['Algeria', 'Libya'],
      );
      assert.ok(existsSync(path.join(site.out, 'tags/libya/index.html')));
    },
  },
  'unknown-keys.md': {
    // Kept for the templates, and warned about: this site does not declare them (fields:).
    warnings: [
      'content/unknown-keys.md:4:1  desk_note  unknown field "desk_note"  (a field of your own is declared in the configuration: fields: [desk_note])  [field-unknown]',
      'content/unknown-keys.md:5:1  priority  unknown field "priority"  (a field of your own is declared in the configuration: fields: [priority])  [field-unknown]',
    ],
    async site(site) {
      // The test theme prints story.data.desk_note (see buildCase); the default theme ignores it.
      const $ = await page(site, '2020/10/01/unknown-keys/');
      assert.equal($('.desk-note').text(), 'Checked by the night desk (priority 2)');
    },
  },
  'prototype-keys.md': {
    warnings: [
      'content/prototype-keys.md:4:1  __proto__  unknown field "__proto__"  (a field of your own is declared in the configuration: fields: [__proto__])  [field-unknown]',
      'content/prototype-keys.md:6:1  constructor  unknown field "constructor"  (a field of your own is declared in the configuration: fields: [constructor])  [field-unknown]',
      'content/prototype-keys.md:9:1  toString  unknown field "toString"  (a field of your own is declared in the configuration: fields: [toString])  [field-unknown]',
    ],
    async site(site) {
      assert.equal(({} as { polluted?: unknown }).polluted, undefined, 'Object.prototype was polluted');
      assert.equal(typeof {}.toString, 'function');
      const $ = await page(site, '2020/10/01/prototype-keys/');
      assert.equal($('h1').text(), 'Keys that name the prototype');
    },
  },
  'alias-bomb.md': {
    problems: [
      'content/alias-bomb.md:5:8  invalid YAML: refused: Excessive alias count indicates a resource exhaustion attack (more than 100 alias expansions)  (write the values out instead of repeating &anchors with *aliases)  [frontmatter-invalid]',
    ],
  },

  // Dates: what the author wrote is validated, never rolled over to another day or hour
  'impossible-month.md': { problems: [`content/impossible-month.md:3:1  date  "2020-13-45" is not a real date or time  ${DATE_HINT}  [date-invalid]`] },
  'impossible-day.md': { problems: [`content/impossible-day.md:3:1  date  "2021-02-30" is not a real date or time  ${DATE_HINT}  [date-invalid]`] },
  'hour-24.md': { problems: [`content/hour-24.md:3:1  date  "2020-10-01T24:00" is not a real date or time  ${DATE_HINT}  [date-invalid]`] },
  'skipped-hour.md': {
    problems: [
      'content/skipped-hour.md:3:1  date  "2021-03-28T02:30" does not exist in Europe/Paris: the clocks skip that hour  (write the time with its offset, e.g. 2021-03-28T03:30:00+02:00)  [date-invalid]',
    ],
  },
  'offset-out-of-range.md': {
    problems: [
      'content/offset-out-of-range.md:3:1  date  "2020-10-01T10:00:00+25:00" has no real UTC offset (+25:00)  (offsets run from -12:00 to +14:00)  [date-invalid]',
    ],
  },
  'date-beyond-9999.md': {
    problems: [
      'content/date-beyond-9999.md:3:1  date  "9999-12-31T23:59:59-12:00" is in the year 10000 in UTC; pages and feeds show the years 1 to 9999  (check the year and the offset)  [date-invalid]',
      'content/date-beyond-9999.md:4:1  updated  "9999-12-31T23:30:00Z" is in the year 10000 in Europe/Paris; pages and feeds show the years 1 to 9999  (check the year and the offset)  [date-invalid]',
      'content/date-beyond-9999.md:5:1  corrections  "0001-01-01T00:30:00+01:00" is in the year 0 in UTC; pages and feeds show the years 1 to 9999  (check the year and the offset)  [date-invalid]',
    ],
  },
  'updated-before-date.md': {
    problems: [
      "content/updated-before-date.md:4:1  updated  is before the story's date (2020-10-02T10:00:00.000+02:00)  (an update comes after publication)  [field-invalid]",
    ],
  },
  'no-zone.md': {
    warnings: [],
    async site(site) {
      const $ = await page(site, '2020/10/01/no-zone/');
      assert.equal($('time.meta__published').attr('datetime'), '2020-10-01T16:40:00+02:00');
    },
  },
  'with-offset.md': {
    warnings: [],
    async site(site) {
      // 23:30 in New York is 06:30 the next morning in Paris: the next day's edition and URL.
      const $ = await page(site, '2020/10/02/with-offset/');
      assert.equal($('time.meta__published').attr('datetime'), '2020-10-02T06:30:00+02:00');
      assert.match(await site.read('feed.xml'), /<pubDate>Fri, 02 Oct 2020 06:30:00 \+0200<\/pubDate>/);
    },
  },

  // Text
  'bom.md': {
    warnings: [],
    async site(site) {
      const $ = await page(site, '2020/10/01/bom/');
      assert.equal($('h1').text(), 'A file that starts with a byte order mark');
      assert.ok(!(await site.read('feed.json')).includes('\uFEFF'));
    },
  },
  'crlf.md': {
    warnings: [],
    async site(site) {
      const html = await site.read('2020/10/01/crlf/index.html');
      assert.ok(!html.includes('\r'));
      assert.deepEqual(
        cheerio
          .load(html)('.story__body p')
          .map((_, p) => cheerio.load(p).text())
          .get(),
        ['First paragraph.', 'Second paragraph.'],
      );
    },
  },
  'latin1.md': { problems: ['content/latin1.md:2:11  the file is not valid UTF-8 text (byte 0xE9)  (save it as UTF-8)  [content-unreadable]'] },
  'control-characters.md': {
    warnings: [`content/control-characters.md:2:13  4 control characters removed (the first: U+0007)  ${CONTROL_HINT}  [control-characters]`],
    async site(site) {
      const html = await site.read('2020/10/01/control-characters/index.html');
      assert.equal(cheerio.load(html)('h1').text(), 'Bell and escape[2J in the title');
      for (const file of ['feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml']) {
        const text = await site.read(file);
        assert.doesNotMatch(text, CONTROL_CHARACTERS, file);
        if (file.endsWith('.xml')) assert.equal(XMLValidator.validate(text), true, file);
      }
      assert.doesNotMatch(html, CONTROL_CHARACTERS);
      assert.match(html, /A NUL and a backspace pasted into the text\./);
    },
  },
  'escaped-control-characters.md': {
    warnings: [`content/escaped-control-characters.md:2:1  title  2 control characters removed (the first: U+0007)  ${CONTROL_HINT}  [control-characters]`],
    async site(site) {
      const $ = await page(site, '2020/10/01/escaped-control-characters/');
      assert.equal($('h1').text(), 'Written with YAML escapes: [31m');
    },
  },
  'right-to-left-and-emoji.md': {
    warnings: [],
    async site(site) {
      const $ = await page(site, '2020/10/01/right-to-left-and-emoji/');
      assert.equal($('h1').text(), 'الجزائر تستقبل وزير الدفاع الأمريكي 🇩🇿🤝🇺🇸');
      assert.equal($('.story__body p').text(), 'نص عربي مع رموز تعبيرية 🎉 and English mixed in.');
      assert.deepEqual(
        [...$('a[rel="tag"]')].map((tag) => $(tag).attr('href')),
        ['/tags/الجزائر/', '/tags/algeria/'],
      );
      const feed = JSON.parse(await site.read('feed.json')) as { items: { title: string }[] };
      assert.equal(feed.items[0]?.title, 'الجزائر تستقبل وزير الدفاع الأمريكي 🇩🇿🤝🇺🇸');
    },
  },

  'story-language.md': {
    warnings: [],
    async site(site) {
      const path = '2020/10/01/story-language/';
      const $ = await page(site, path);
      assert.equal($('html').attr('lang'), 'en', "the site's masthead and navigation stay in its language");
      assert.deepEqual([$('article.story').attr('lang'), $('article.story').attr('dir')], ['ar', 'rtl']);
      for (const list of ['', 'tags/algeria/', '2020/10/01/']) {
        const card = (await page(site, list))('article.card');
        assert.deepEqual([card.attr('lang'), card.attr('dir')], ['ar', 'rtl'], list);
      }
      const atom = cheerio.load(await site.read('atom.xml'), { xml: true });
      assert.equal(atom('entry').attr('xml:lang'), 'ar');
      assert.equal(atom('feed').attr('xml:lang'), 'en');
      const feed = JSON.parse(await site.read('feed.json')) as { language: string; items: { language?: string }[] };
      assert.deepEqual([feed.language, feed.items[0]?.language], ['en', 'ar']);
      assert.equal(XMLValidator.validate(await site.read('feed.xml')), true);
    },
  },
  'language-invalid.md': {
    problems: ['content/language-invalid.md:4:1  lang  "en_GB" is not a language tag  (use a BCP 47 tag such as ar, fr, en-GB or pt-BR)  [field-invalid]'],
  },

  'removed-html-and-links.md': {
    warnings: [
      `content/removed-html-and-links.md:7:22  the style attribute of <span> was removed  (only HTML on the allow-list is published (see the README's "Raw HTML, embeds, headings and code"); set "markdown: { rawHtml: true }" only if every author is trusted)  [html-removed]`,
      'content/removed-html-and-links.md:9:7  a link or image to a javascript:, vbscript: or data: URL, or an image at a file: or other address not on the web, was removed  (link to an http(s) address or a path on the site)  [url-unsafe]',
    ],
    async site(site) {
      assert.equal(
        (await page(site, '2020/10/01/removed-html-and-links/'))('.story__body').text().trim(),
        'The first paragraph is fine.\nThen some pasted markup in the middle.\nAnd a link further down.',
      );
    },
  },

  // Names
  'slug-slash.md': {
    problems: [
      'content/slug-slash.md:4:1  slug  "news/escape" has characters a URL slug cannot have  (use letters, digits, "-", "_", "." and "~", e.g. "news-escape")  [slug-invalid]',
    ],
  },
  'slug-dots.md': { problems: ['content/slug-dots.md:4:1  slug  ".." starts with "."  (use letters, digits, "-", "_", "." and "~")  [slug-invalid]'] },
  'slug-percent.md': {
    problems: [
      'content/slug-percent.md:4:1  slug  "%2e%2e" has characters a URL slug cannot have  (use letters, digits, "-", "_", "." and "~", e.g. "2e-2e")  [slug-invalid]',
    ],
  },
  'slug-reserved.md': {
    problems: ['content/slug-reserved.md:4:1  slug  "con" is a reserved device name on Windows  (use letters, digits, "-", "_", "." and "~")  [slug-invalid]'],
  },
  'title-reserved.md': {
    // The headline gives no slug: the file name does.
    warnings: [],
  },
  'slug-empty-after-folding.md': {
    warnings: [],
  },
  'alias-encoded-dots.md': {
    problems: [
      'content/alias-encoded-dots.md:4:1  aliases  "/2020/%2e%2e/%2E%2E/etc/" is not a path on this site: it has a ".." segment  (write the old URL from the site root, e.g. /2020/10/01/old-slug/)  [slug-invalid]',
    ],
  },
  'image-script-url.md': {
    problems: [
      'content/image-script-url.md:5:3  image.src  "JavaScript:alert(document.domain)" is not an image address  (give a path such as photo.jpg (beside the story), /images/photo.jpg (in static/) or an https:// URL)  [url-unsafe]',
    ],
  },
  'duplicate-permalink': {
    problems: [
      'content/second.md  slug  has the same URL /2020/10/01/first/ as content/first.md  (give one of the two stories a different "slug:" (or "url:"))  [permalink-duplicate]',
    ],
  },
  'case-collision': {
    problems: [
      'content/old-story.md  slug  its URL /2020/10/01/old-story/ differs only in case from /2020/10/01/Old-Story/, an old URL (alias) of content/renamed.md  (hosts that ignore case (macOS, Windows, many servers) would serve one for the other: change one)  [permalink-duplicate]',
    ],
  },
};

/** The test theme: the default one, with a line that prints two fields Gazette does not know. */
async function printDeskNote(templatesDir: string): Promise<void> {
  const file = path.join(templatesDir, 'story.liquid');
  const template = await readFile(file, 'utf8');
  const note = '{%- if story.data.desk_note %}<p class="desk-note">{{ story.data.desk_note }} (priority {{ story.data.priority }})</p>{% endif %}';
  await writeFile(file, template.replace('<div class="story__body">', `${note}\n  <div class="story__body">`));
}

async function buildCase(files: Record<string, string | Buffer>): Promise<SmallSite> {
  return buildSmallSite(files, { editTheme: printDeskNote });
}

async function assertOutcome(site: SmallSite, outcome: Outcome): Promise<void> {
  assert.deepEqual(site.problems, outcome.problems ?? []);
  if (outcome.problems) {
    assert.equal(existsSync(site.out), false, 'a failed build writes nothing');
    return;
  }
  assert.deepEqual(site.warnings, outcome.warnings ?? []);
  await outcome.site?.(site);
}

const STORY_HEAD = '---\ntitle: Generated\ndate: 2020-10-01\n---\n';

describe('bad input: the fixtures of test/fixtures/bad-input', async () => {
  const entries = (await readdir(FIXTURES)).filter((name) => !name.startsWith('.')).sort();

  it('has an expected outcome for every fixture, and a fixture for every outcome', () => {
    assert.deepEqual(entries, Object.keys(MATRIX).sort());
  });

  for (const name of entries) {
    it(name, async () => {
      const outcome = MATRIX[name];
      assert.ok(outcome, `no expected outcome for ${name}`);
      const folder = path.join(FIXTURES, name);
      const names = name.endsWith('.md') ? [name] : await readdir(folder);
      const files = Object.fromEntries(
        await Promise.all(names.map(async (file) => [file, await readFile(name.endsWith('.md') ? folder : path.join(folder, file))] as const)),
      );
      const site = await buildCase(files);
      try {
        await assertOutcome(site, outcome);
      } finally {
        await site.remove();
      }
    });
  }
});

describe('bad input: made by the tests', () => {
  const cases: [string, () => string, Outcome][] = [
    [
      'a 10 MB story is refused before it is read',
      () => STORY_HEAD + 'All work and no play. '.repeat(480_000),
      {
        problems: [
          'content/generated.md  the story is 10.1 MiB; a story may be at most 1.0 MiB  (split it into several stories, or put data and pictures in static/ and link to them)  [content-too-large]',
        ],
      },
    ],
    [
      'a line of 50,000 characters is rendered, and cut for the summary',
      () => `${STORY_HEAD + 'word '.repeat(10_000).trim()}\n`,
      {
        warnings: [],
        async site(site) {
          const $ = await page(site, '2020/10/01/generated/');
          assert.equal($('.story__body p').text().length, 49_999);
          assert.ok($('.standfirst').text().length <= 280);
        },
      },
    ],
    [
      'blockquotes nested 10,000 deep are refused at their line',
      () => `${STORY_HEAD}Fine.\n\n${'>'.repeat(10_000)} deep\n`,
      {
        problems: [
          'content/generated.md:7  the Markdown is nested 10000 levels deep (blockquotes, lists, emphasis or links); at most 100 are rendered  (remove the extra ">", list markers, "*" or "[")  [markdown-too-deep]',
        ],
      },
    ],
    [
      'lists nested 10,000 deep on one line are refused',
      () => `${STORY_HEAD + '- '.repeat(10_000)}deep\n`,
      {
        problems: [
          'content/generated.md:5  the Markdown is nested 10000 levels deep (blockquotes, lists, emphasis or links); at most 100 are rendered  (remove the extra ">", list markers, "*" or "[")  [markdown-too-deep]',
        ],
      },
    ],
    [
      'lists nested by indentation are refused at the first line too deep',
      () => `${STORY_HEAD + Array.from({ length: 150 }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}`).join('\n')}\n`,
      {
        problems: [
          'content/generated.md:105  the Markdown is nested 101 levels deep (blockquotes, lists, emphasis or links); at most 100 are rendered  (remove the extra ">", list markers, "*" or "[")  [markdown-too-deep]',
        ],
      },
    ],
    [
      'emphasis nested 10,000 deep is refused',
      () => `${STORY_HEAD}${'*'.repeat(10_000)}deep${'*'.repeat(10_000)}\n`,
      {
        problems: [
          'content/generated.md:5  the Markdown is nested 5000 levels deep (blockquotes, lists, emphasis or links); at most 100 are rendered  (remove the extra ">", list markers, "*" or "[")  [markdown-too-deep]',
        ],
      },
    ],
    [
      '100 levels of blockquotes are still rendered',
      () => `${STORY_HEAD + '>'.repeat(100)} deep\n`,
      {
        warnings: [],
        async site(site) {
          assert.equal((await page(site, '2020/10/01/generated/'))('.story__body blockquote').length, 100);
        },
      },
    ],
    [
      'lists longer than a story may have are refused, each at its line, and their items are not read one by one',
      () =>
        [
          '---',
          'title: Generated',
          'date: 2020-10-01',
          `tags: [${Array.from({ length: 50_000 }, () => '"!"').join(', ')}]`,
          `authors: ${Array.from({ length: 21 }, (_, index) => `Writer ${index}`).join(', ')}`,
          `aliases: [${Array.from({ length: 21 }, (_, index) => `/old/${index}/`).join(', ')}]`,
          `corrections: [${Array.from({ length: 21 }, () => '{ date: 2020-10-02, text: Fixed. }').join(', ')}]`,
          '---',
          'Text.',
        ].join('\n'),
      {
        problems: [
          'content/generated.md:4:1  tags  lists 50000 tags; a story may have at most 50  (keep the tags readers follow the story by; the rest belong in the text)  [field-invalid]',
          'content/generated.md:5:1  authors  lists 21 authors; a story may have at most 20  (name the main writers in the byline; thank the others in "credits")  [field-invalid]',
          'content/generated.md:6:1  aliases  lists 21 aliases; a story may have at most 20  (keep the old URLs that readers and search engines still use)  [field-invalid]',
          'content/generated.md:7:1  corrections  lists 21 corrections; a story may have at most 20  (merge the corrections of one change into one)  [field-invalid]',
        ],
      },
    ],
    [
      'front-matter nested 10,000 deep is refused',
      () => `---\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\ndate: 2020-10-01\n---\n`,
      {
        problems: [
          'content/generated.md:2  invalid YAML: nested too deeply  (a story needs a few levels of lists and mappings, not thousands)  [frontmatter-invalid]',
        ],
      },
    ],
  ];

  for (const [name, make, outcome] of cases) {
    it(name, async () => {
      const started = performance.now();
      const site = await buildCase({ 'generated.md': make() });
      try {
        assert.ok(performance.now() - started < 10_000, `took ${Math.round(performance.now() - started)} ms`);
        await assertOutcome(site, outcome);
      } finally {
        await site.remove();
      }
    });
  }

  it('files whose names differ only in case: the URL comes from the file name, and the two are refused, both named', async (context) => {
    const site = await buildCase({
      'Twin.md': '---\ntitle: Twin\ndate: 2020-10-01T09:00\n---\nUpper.\n',
      'twin.md': '---\ntitle: Twin\ndate: 2020-10-01T10:00\n---\nLower.\n',
    });
    try {
      if (!existsSync(path.join(site.root, 'content/Twin.md')) || (await readdir(path.join(site.root, 'content'))).length < 2) {
        context.skip('this file system ignores case: the two files are one');
        return;
      }
      await assertOutcome(site, {
        problems: [
          'content/Twin.md  slug  its URL /2020/10/01/Twin/ differs only in case from /2020/10/01/twin/, the URL of content/twin.md  (hosts that ignore case (macOS, Windows, many servers) would serve one for the other: change one)  [permalink-duplicate]',
        ],
      });
    } finally {
      await site.remove();
    }
  });

  it('a headline longer than a folder name can hold gives no slug: the file name does', async () => {
    const title = 'الجزائر '.repeat(40).trim();
    const site = await buildCase({ 'long.md': `---\ntitle: ${title}\ndate: 2020-10-01\n---\nLong.\n` });
    try {
      await assertOutcome(site, { warnings: [] });
      const [folder = ''] = await readdir(path.join(site.out, '2020/10/01')).then((names) =>
        names.filter((name) => !['index.html', 'email.html', 'email.txt'].includes(name)),
      );
      assert.equal(folder, 'long');
    } finally {
      await site.remove();
    }
  });
});
