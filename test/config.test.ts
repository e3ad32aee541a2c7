import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { loadConfig, PACKAGED_THEME } from '../src/config.js';
import { BuildFailed, GazetteError } from '../src/errors.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const CLOCK = () => new Date('2020-10-05T12:00:00Z');

const folders: string[] = [];
/** An empty project folder, or a copy of a fixture folder. */
function project(fixture?: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'gazette-config-test-'));
  folders.push(root);
  if (fixture) cpSync(path.join(FIXTURES, fixture), root, { recursive: true });
  return root;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The problems a failing loadConfig reports, formatted the way the CLI prints them. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof BuildFailed, `expected BuildFailed, got ${String(error)}`);
    return error.problems.map((problem) => problem.format());
  }
  assert.fail('the configuration was accepted');
}

describe('loadConfig', () => {
  it('gives every default for a folder without a configuration file', () => {
    const root = project();
    const config = loadConfig(root, {}, CLOCK);
    assert.deepEqual(
      { ...config, now: config.now.toISO(), words: config.words.related_stories },
      {
        root,
        configFile: undefined,
        title: 'Gazette',
        description: 'The latest from Gazette',
        baseUrl: 'http://localhost:4000/',
        baseUrlGiven: false,
        basePath: '/',
        language: 'en',
        timeZone: 'UTC',
        permalink: '/:year/:month/:day/:slug/',
        pageSize: 10,
        feedSize: 20,
        tagFeedSize: 20,
        editionFeedSize: 14,
        sections: [],
        customFields: [],
        menu: [],
        rawHtml: false,
        embeds: ['youtube', 'vimeo', 'datawrapper', 'flourish', 'google-maps', 'x', 'bluesky', 'mastodon', 'instagram'],
        search: true,
        storySeconds: 10,
        params: {},
        words: 'Related stories',
        newsletter: undefined,
        favicon: '/assets/favicon.png',
        touchIcon: '/assets/touch-icon.png',
        share: ['email', 'link', 'bluesky', 'facebook', 'linkedin', 'x', 'whatsapp'],
        readingTime: false,
        contentDir: path.join(root, 'content'),
        templatesDir: path.join(root, 'templates'),
        templatesNamed: false,
        themeDir: PACKAGED_THEME,
        staticDir: path.join(root, 'static'),
        outDir: path.join(root, 'dist'),
        drafts: false,
        future: false,
        now: '2020-10-05T12:00:00.000Z',
      },
    );
    assert.equal(Object.isFrozen(config), true);
  });

  it('reads gazette.config.yaml', () => {
    const root = project('config-yaml');
    const config = loadConfig(root, {}, CLOCK);
    assert.equal(config.configFile, path.join(root, 'gazette.config.yaml'));
    assert.equal(config.title, 'Maghreb Digest');
    assert.equal(config.description, "The day's stories from North Africa");
    assert.equal(config.baseUrl, 'https://example.org/maghreb/');
    assert.equal(config.basePath, '/maghreb/');
    assert.equal(config.language, 'fr-DZ');
    assert.equal(config.timeZone, 'Africa/Algiers');
    assert.equal(config.permalink, '/:section/:year/:slug/');
    assert.equal(config.pageSize, 5);
    assert.equal(config.feedSize, 30);
    assert.equal(config.rawHtml, true);
    assert.equal(config.contentDir, path.join(root, 'stories'));
    assert.equal(config.templatesDir, path.join(root, 'theme'));
    assert.equal(config.staticDir, path.join(root, 'public'));
    assert.equal(config.outDir, path.join(root, 'site'));
  });

  it('reads gazette.config.json', () => {
    const root = project('config-json');
    const config = loadConfig(root, {}, CLOCK);
    assert.equal(config.configFile, path.join(root, 'gazette.config.json'));
    assert.equal(config.title, 'Digest');
    assert.equal(config.description, 'The latest from Digest');
    assert.equal(config.baseUrl, 'https://example.org/');
    assert.equal(config.timeZone, 'Europe/Paris');
    assert.equal(config.pageSize, 3);
    assert.equal(config.rawHtml, false);
  });

  it('prefers the YAML file when there are several', () => {
    const root = project('config-json');
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'title: From YAML\n');
    assert.equal(loadConfig(root, {}, CLOCK).title, 'From YAML');
  });

  it('reads the file named by --config, and says when it does not exist', () => {
    const root = project();
    writeFileSync(path.join(root, 'site.json'), '{"title": "Named"}');
    assert.equal(loadConfig(root, { configFile: 'site.json' }, CLOCK).title, 'Named');
    assert.throws(
      () => loadConfig(root, { configFile: 'missing.yaml' }, CLOCK),
      (error: unknown) => {
        assert.ok(error instanceof GazetteError);
        assert.equal(error.code, 'config-unreadable');
        assert.equal(error.file, 'missing.yaml');
        return true;
      },
    );
  });

  it('applies command-line overrides over the file', () => {
    const root = project('config-yaml');
    const config = loadConfig(root, { baseUrl: 'https://example.org/news', content: 'elsewhere', out: '../public', drafts: true, future: true }, CLOCK);
    assert.equal(config.baseUrl, 'https://example.org/news/');
    assert.equal(config.basePath, '/news/');
    assert.equal(config.contentDir, path.join(root, 'elsewhere'));
    assert.equal(config.outDir, path.resolve(root, '../public'));
    assert.equal(config.drafts, true);
    assert.equal(config.future, true);
  });

  it('passes params: to templates as it is written, and refuses params that are not a mapping', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'params:\n  banner: Election night\n  colours: [red, blue]\n');
    assert.deepEqual(loadConfig(root, {}, CLOCK).params, { banner: 'Election night', colours: ['red', 'blue'] });
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'params: [banner]\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.yaml:1:1  params  expected a mapping of settings for templates, found a list  (e.g. params: { tagline_color: "#b00" })  [config-invalid]',
      ],
    );
  });

  it('reports every problem of the file at once, with field and line', () => {
    const root = project('config-invalid');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.yaml:6:1  colour  unknown setting "colour"  (known settings: title, description, baseUrl, language, timeZone, permalink, pageSize, feedSize, tagFeedSize, editionFeedSize, sections, fields, menu, markdown, search, limits, params, strings, newsletter, favicon, touchIcon, share, readingTime, content, templates, static, output)  [config-invalid]',
        'gazette.config.yaml:3:1  language  "not a language!" is not a language tag  (use a BCP 47 tag such as en, en-GB, fr or ar)  [config-invalid]',
        'gazette.config.yaml:2:1  timeZone  unknown time zone "Mars/Olympus"  (use an IANA name such as Europe/Paris or Africa/Algiers)  [config-invalid]',
        'gazette.config.yaml:5:1  permalink  "/:year/:title/" must contain :slug so that every story gets its own page  [config-invalid]',
        'gazette.config.yaml:5:1  permalink  unknown token :title  (known tokens: :year :month :day :slug :section)  [config-invalid]',
        'gazette.config.yaml:4:1  pageSize  expected a whole number of at least 1, found number 0  [config-invalid]',
        'gazette.config.yaml:8:3  markdown.rawHtml  expected true or false, found "yes"  [config-invalid]',
      ],
    );
  });

  it('turns search off with "search: false", and refuses anything but true or false', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'title: T\nsearch: false\n');
    assert.equal(loadConfig(root, {}, CLOCK).search, false);
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'title: T\nsearch: "no"\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      ['gazette.config.yaml:2:1  search  expected true or false, found "no"  [config-invalid]'],
    );
  });

  it('reads the sections in their order, with the line of each', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'title: Desks\nsections:\n  - Africa\n  - " Middle East "\nfeedSize: 5\n');
    assert.deepEqual(loadConfig(root, {}, CLOCK).sections, [
      { name: 'Africa', line: 3, column: 5 },
      { name: 'Middle East', line: 4, column: 5 },
    ]);
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'sections: [Business, Africa]\n');
    assert.deepEqual(
      loadConfig(root, {}, CLOCK).sections.map((section) => [section.name, section.line, section.column]),
      [
        ['Business', 1, 12],
        ['Africa', 1, 22],
      ],
    );
  });

  it('refuses sections that are not names, give no page, or repeat one, naming the line of each', () => {
    assert.deepEqual(
      problemsOf(() => loadConfig(project('config-sections'), {}, CLOCK)),
      [
        'gazette.config.yaml:5:5  sections  item 3: expected a section name, found number 42  (e.g. sections: [Africa, Middle East, Business])  [config-invalid]',
        'gazette.config.yaml:6:5  sections  item 4: expected a section name, found "  "  (e.g. sections: [Africa, Middle East, Business])  [config-invalid]',
        'gazette.config.yaml:8:5  sections  "AFRICA" is the same section as "Africa"  (sections that differ only in case or accents are one section: list it once)  [config-invalid]',
        'gazette.config.yaml:9:5  sections  "—" gives an empty URL slug  (a section needs letters or digits, and a name its front page can have)  [config-invalid]',
        'gazette.config.yaml:10:5  sections  "Con" gives the URL slug "con", a reserved device name on Windows  (a section needs letters or digits, and a name its front page can have)  [config-invalid]',
      ],
    );
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'sections: Africa, Business\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.yaml:1:1  sections  expected a list of section names, found "Africa, Business"  (e.g. sections: [Africa, Middle East, Business])  [config-invalid]',
      ],
    );
  });

  it('gives the lines of problems in a JSON file', () => {
    const root = project('config-invalid-json');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.json:3:3  pageSize  expected a whole number of at least 1, found "2"  [config-invalid]',
        'gazette.config.json:4:3  feedSize  expected a whole number of at least 1, found number 2.5  [config-invalid]',
      ],
    );
  });

  it('refuses a permalink that does not start and end with a slash, and unknown markdown settings', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'permalink: ":slug"\nmarkdown:\n  toc: true\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.yaml:1:1  permalink  ":slug" must start and end with "/"  (e.g. /:year/:month/:day/:slug/)  [config-invalid]',
        'gazette.config.yaml:3:3  markdown.toc  unknown setting "toc"  (known settings: rawHtml, embeds)  [config-invalid]',
      ],
    );
  });

  it('reads the embed allow-list as providers and host names, and refuses anything else', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'markdown:\n  embeds: [YouTube, datawrapper, charts.example.org]\n');
    assert.deepEqual(loadConfig(root, {}, CLOCK).embeds, ['youtube', 'datawrapper', 'charts.example.org']);
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'markdown:\n  embeds: [youtub, 3]\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)).map((problem) => problem.split('  (')[0]),
      [
        'gazette.config.yaml:2:3  markdown.embeds  item 1: expected a provider or a host name, found "youtub"',
        'gazette.config.yaml:2:3  markdown.embeds  item 2: expected a provider or a host name, found number 3',
      ],
    );
  });

  it('reads the time budget of a story, and refuses one that is not a number of seconds above 0', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'limits:\n  storySeconds: 2.5\n');
    assert.equal(loadConfig(root, {}, CLOCK).storySeconds, 2.5);
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'limits:\n  storySeconds: 0\n  tags: 3\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.yaml:3:3  limits.tags  unknown setting "tags"  (known settings: storySeconds)  [config-invalid]',
        'gazette.config.yaml:2:3  limits.storySeconds  expected a number of seconds above 0 and at most 86,400, found number 0  (e.g. storySeconds: 10)  [config-invalid]',
      ],
    );
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'limits: 10\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      ['gazette.config.yaml:1:1  limits  expected a mapping such as "storySeconds: 10", found number 10  [config-invalid]'],
    );
  });

  it("reads the readers' settings: newsletter, icons, share links and reading time", () => {
    const root = project();
    writeFileSync(
      path.join(root, 'gazette.config.yaml'),
      'newsletter:\n  action: https://lists.example.org/subscribe\n  field: EMAIL\nfavicon: /favicon.png\ntouchIcon: https://cdn.example.org/icon.png\nshare: [link, x]\nreadingTime: true\n',
    );
    const config = loadConfig(root, {}, CLOCK);
    assert.deepEqual(config.newsletter, { action: 'https://lists.example.org/subscribe', field: 'EMAIL' });
    assert.deepEqual(
      [config.favicon, config.touchIcon, config.share, config.readingTime],
      ['/favicon.png', 'https://cdn.example.org/icon.png', ['link', 'x'], true],
    );
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'share: false\nnewsletter:\n  action: https://lists.example.org/subscribe\n');
    assert.deepEqual([loadConfig(root, {}, CLOCK).share, loadConfig(root, {}, CLOCK).newsletter?.field], [[], 'email']);
    writeFileSync(
      path.join(root, 'gazette.config.yaml'),
      'newsletter:\n  action: javascript:alert(1)\nfavicon: favicon.ico\nshare: [myspace]\nreadingTime: yes\n',
    );
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.yaml:5:1  readingTime  expected true or false, found "yes"  [config-invalid]',
        'gazette.config.yaml:2:3  newsletter.action  expected the http(s) address the sign-up form posts to, found "javascript:alert(1)"  (e.g. action: https://buttondown.com/api/emails/embed-subscribe/yourname)  [config-invalid]',
        'gazette.config.yaml:3:1  favicon  expected a path on the site such as "/favicon.png" or an http(s) address, found "favicon.ico"  [config-invalid]',
        'gazette.config.yaml:4:1  share  expected false or a list of email, link, bluesky, facebook, linkedin, x, whatsapp, found a list  (e.g. share: [email, link, bluesky])  [config-invalid]',
      ],
    );
  });

  it('refuses a base URL that is not absolute http(s) without query, naming the flag when it came from one', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'title: T\nbaseUrl: ftp://example.org/x?y=1\n');
    assert.deepEqual(
      problemsOf(() => loadConfig(root, {}, CLOCK)),
      [
        'gazette.config.yaml:2:1  baseUrl  "ftp://example.org/x?y=1" must be an http or https URL  [config-invalid]',
        'gazette.config.yaml:2:1  baseUrl  "ftp://example.org/x?y=1" must not have a query or fragment  [config-invalid]',
      ],
    );
    assert.deepEqual(
      problemsOf(() => loadConfig(project(), { baseUrl: 'example.org' }, CLOCK)),
      ['(defaults)  --base-url  "example.org" is not an absolute URL  (e.g. https://example.org/ or https://example.org/news/)  [config-invalid]'],
    );
  });

  it('refuses YAML that does not parse, with its line, and a file that is not a mapping', () => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), 'title: Fine\ndescription: a: b\n');
    assert.throws(
      () => loadConfig(root, {}, CLOCK),
      (error: unknown) => {
        assert.ok(error instanceof GazetteError);
        assert.equal(error.code, 'config-invalid');
        assert.equal(error.file, 'gazette.config.yaml');
        assert.equal(error.line, 2);
        return true;
      },
    );
    writeFileSync(path.join(root, 'gazette.config.yaml'), '- title\n- baseUrl\n');
    assert.throws(() => loadConfig(root, {}, CLOCK), {
      name: 'GazetteError',
      code: 'config-invalid',
      message: 'the configuration must be a mapping of settings',
    });
  });

  it('reads the clock once when there is no --now', () => {
    let calls = 0;
    const config = loadConfig(project(), {}, () => {
      calls += 1;
      return new Date('2021-01-01T00:00:00Z');
    });
    assert.equal(calls, 1);
    assert.equal(config.now.toISO(), '2021-01-01T00:00:00.000Z');
  });

  it('parses --now with its offset, and refuses what is not ISO 8601', () => {
    const root = project();
    const now = loadConfig(root, { now: '2020-10-02T12:00:00+01:00' }, CLOCK).now;
    assert.equal(now.toISO(), '2020-10-02T12:00:00.000+01:00');
    assert.equal(now.toMillis(), Date.UTC(2020, 9, 2, 11));
    assert.equal(loadConfig(root, { now: '2020-10-02T12:00:00Z' }, CLOCK).now.toMillis(), Date.UTC(2020, 9, 2, 12));
    assert.throws(
      () => loadConfig(root, { now: 'yesterday' }, CLOCK),
      (error: unknown) => {
        assert.ok(error instanceof GazetteError);
        assert.equal(error.format(), '--now  "yesterday" is not an ISO 8601 date  (e.g. --now 2020-10-02T12:00:00Z)  [usage]');
        return true;
      },
    );
  });
});

describe('menu', () => {
  const withMenu = (menu: string) => {
    const root = project();
    writeFileSync(path.join(root, 'gazette.config.yaml'), `title: Wire\nmenu:\n${menu}`);
    return root;
  };

  it('reads links to paths of the site and to http(s) addresses, titles optional', () => {
    const config = loadConfig(withMenu('  - url: /about/\n  - { title: Newsletter, url: "https://example.org/subscribe" }\n'), {}, CLOCK);
    assert.deepEqual(
      config.menu.map(({ title, url, line }) => ({ title, url, line })),
      [
        { title: undefined, url: '/about/', line: 3 },
        { title: 'Newsletter', url: 'https://example.org/subscribe', line: 4 },
      ],
    );
  });

  it('refuses what is not a list of links, with the line of each bad item', () => {
    assert.deepEqual(problemsOf(() => loadConfig(withMenu('  about: /about/\n'), {}, CLOCK)).length, 1);
    const problems = problemsOf(() =>
      loadConfig(withMenu('  - url: about/\n  - url: javascript:alert(1)\n  - { url: /a/../b/ }\n  - { url: /x/, href: /y/ }\n  - /about/\n'), {}, CLOCK),
    );
    assert.deepEqual(
      problems.map((problem) => problem.slice(0, problem.indexOf(' '))),
      ['gazette.config.yaml:3:5', 'gazette.config.yaml:4:5', 'gazette.config.yaml:5:5', 'gazette.config.yaml:6:5', 'gazette.config.yaml:7:5'],
      problems.join('\n'),
    );
  });
});
