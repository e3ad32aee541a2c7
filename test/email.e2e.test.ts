// The edition by email, end to end: the sample project is built and every day's email.html and
// email.txt are read back with an HTML parser and validator, and line by line, against the site's
// own edition pages.

import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { HtmlValidate } from 'html-validate';
import sharp from 'sharp';
import { TEXT_WIDTH } from '../src/render/email.js';
import { copySampleProject, type Project } from './support/project.js';

const ORIGIN = 'https://example.org/';
const DAY = '2020/10/01/';
const ABSOLUTE = /^https?:\/\/[^/]/;

/** README.md § Email editions: a picture of the email weighs at most this. */
const EMAIL_PICTURE_BUDGET = 150 * 1024;

/** Mail clients need tables, attributes and inline styles, which HTML5's advice frowns upon. */
const EMAIL_VALIDATOR = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'no-inline-style': 'off',
    'no-deprecated-attr': 'off',
    'prefer-tbody': 'off',
    'no-conditional-comment': 'off',
    'long-title': 'off',
  },
});

/** A stylesheet with its media queries taken out: what juice inlined, which should leave nothing. */
function withoutMediaQueries(css: string): string {
  let rest = css;
  for (let start = rest.indexOf('@media'); start !== -1; start = rest.indexOf('@media')) {
    let depth = 0;
    let end = rest.indexOf('{', start);
    for (; end < rest.length; end += 1) {
      if (rest[end] === '{') depth += 1;
      if (rest[end] === '}' && --depth === 0) break;
    }
    rest = rest.slice(0, start) + rest.slice(end + 1);
  }
  return rest.trim();
}

/** The stories of an edition page, in order, as absolute URLs. */
function storiesOnEditionPage(html: string): string[] {
  const $ = cheerio.load(html);
  return [...$('.card__title a')].map((link) => new URL($(link).attr('href') ?? '', ORIGIN).href);
}

describe('email editions', () => {
  let project: Project;
  let files: string[];
  let days: string[];

  before(async () => {
    project = await copySampleProject();
    await project.build();
    files = await project.files();
    days = files.filter((file) => /^\d{4}\/\d{2}\/\d{2}\/index\.html$/.test(file)).map((file) => file.replace('index.html', ''));
  });
  after(() => project?.remove());

  it('writes email.html and email.txt for every edition day, and for nothing else', () => {
    assert.ok(days.length >= 5, `only ${days.length} editions`);
    assert.deepEqual(
      files.filter((file) => /email\.(html|txt)$/.test(file)),
      days.flatMap((day) => [`${day}email.html`, `${day}email.txt`]),
    );
  });

  it("keeps the editors' links to the emails off the readers' edition page", async () => {
    const html = await project.read(`${DAY}index.html`);
    assert.doesNotMatch(html, /email\.(html|txt)|To send or paste/);
  });

  it("writes HTML that validates, in the site's language and direction, with a subject and a preheader", async () => {
    for (const day of days) {
      const html = await project.read(`${day}email.html`);
      const report = await EMAIL_VALIDATOR.validateString(html, `${day}email.html`);
      const messages = report.results
        .flatMap((result) => result.messages)
        .map((message) => `${day}email.html:${message.line}: ${message.ruleId} ${message.message}`);
      assert.deepEqual(messages, [], messages.join('\n'));
    }
    const $ = cheerio.load(await project.read(`${DAY}email.html`));
    assert.equal($('html').attr('lang'), 'en');
    assert.equal($('html').attr('dir'), 'ltr');
    assert.equal($('title').text(), 'The Maghreb Wire: Thursday, October 1, 2020');
    const preheader = $('body').children().first();
    assert.ok(preheader.hasClass('preheader'), 'the preheader comes first');
    assert.match(preheader.attr('style') ?? '', /display: none/);
    assert.match(preheader.text(), /^3 stories: US defense chief’s rare Algeria visit/);
  });

  it('uses no script, no stylesheet link, no web font: only inline styles and the media queries of email.css', async () => {
    const css = await readFile(path.join(project.root, 'templates/email.css'), 'utf8');
    for (const day of days) {
      const $ = cheerio.load(await project.read(`${day}email.html`));
      assert.equal($('script, link, iframe, object, embed, form').length, 0, day);
      assert.equal($('style').length, 1, day);
      assert.equal($('head > style').length, 1, day);
      assert.equal(withoutMediaQueries($('style').text()), '', 'the <style> holds media queries only');
      assert.doesNotMatch($.html(), /@font-face|@import|url\(/);
      const unstyled = [...$('body [class]')].filter((element) => !$(element).attr('style')).map((element) => `${element.tagName}.${$(element).attr('class')}`);
      assert.deepEqual(unstyled, [], 'every element with a class has its styles inline');
    }
    assert.match(css, /@media \(prefers-color-scheme: dark\)/, 'the theme has dark colours for the clients that ask');
  });

  it('makes every link and image absolute, and links to the edition on the web and to the plain text', async () => {
    for (const day of days) {
      const $ = cheerio.load(await project.read(`${day}email.html`));
      const urls = [...$('[href], [src], [background]')].flatMap((element) =>
        ['href', 'src', 'background'].map((name) => $(element).attr(name)).filter((url) => url !== undefined),
      );
      assert.ok(urls.length > 5);
      for (const url of urls) assert.match(url, ABSOLUTE, `${day}email.html: ${url}`);
      const links = [...$('a')].map((link) => [$(link).text(), $(link).attr('href')]);
      assert.deepEqual(
        links.find(([text]) => text === 'View in browser'),
        ['View in browser', ORIGIN + day],
      );
      assert.deepEqual(
        links.find(([text]) => text === 'Plain text'),
        ['Plain text', `${ORIGIN}${day}email.txt`],
      );
    }
  });

  it("shows every story of the day, in the edition page's order, with headline, byline, summary and a link", async () => {
    for (const day of days) {
      const $ = cheerio.load(await project.read(`${day}email.html`));
      const onPage = storiesOnEditionPage(await project.read(`${day}index.html`));
      assert.ok(onPage.length > 0, `${day}index.html lists no story`);
      assert.deepEqual(
        [...$('.story__link')].map((link) => $(link).attr('href')),
        onPage,
        day,
      );
      assert.deepEqual(
        [...$('.more__link')].map((link) => $(link).attr('href')),
        onPage,
        day,
      );
    }
    const $ = cheerio.load(await project.read(`${DAY}email.html`));
    const first = $('.story').first();
    assert.equal(first.find('.story__title').text(), 'US defense chief’s rare Algeria visit points to Sahel region threats');
    assert.match(first.find('.meta').text(), /^By Lamine Chikhi · ALGIERS · October 1, 2020/);
    assert.match(first.find('.summary').text(), /^US Secretary of Defense Mark Esper made a rare visit/);
    // The picture's copy that is sharp at 552 pixels on a screen of twice the density, as the story page lists them.
    const storyPage = cheerio.load(await project.read(`${new URL(first.find('.story__link').attr('href') ?? '').pathname.slice(1)}index.html`));
    const copies = (storyPage('.story__figure img').attr('srcset') ?? '')
      .split(',')
      .map((candidate) => candidate.trim().split(/\s+/))
      .map(([src, width]) => ({ src: src ?? '', width: Number.parseInt(width ?? '', 10) }));
    assert.ok(copies.length >= 2, 'the story page offers copies of its picture');
    const sharp = copies.find((copy) => copy.width >= 1104) ?? copies.at(-1);
    assert.equal(first.find('img').attr('src'), `${ORIGIN}${sharp?.src.slice(1)}`);
    assert.match(first.find('img').attr('alt') ?? '', /central post office/);
    assert.equal(first.find('.kicker').text(), 'Middle East');
  });

  it('shows the photo credit under a picture 1200 pixels wide within the budget, and the credits line', async () => {
    const $ = cheerio.load(await project.read(`${DAY}email.html`));
    const first = $('.story').first();
    const image = first.find('img');
    assert.equal(image.parent().next().attr('class'), 'photo-credit');
    assert.equal(first.find('.photo-credit').text(), 'Photo: REUTERS/Ramzi Boudina/File Photo');
    assert.equal(
      first.find('.credits').text(),
      'Reporting by Lamine Chikhi; Additional reporting by Idrees Ali; Writing by Angus McDowall; Editing by Chizu Nomiyama and Daniel Wallis',
    );
    assert.equal(image.attr('width'), '552');
    const file = path.join(project.root, 'dist', new URL(image.attr('src') ?? '').pathname);
    const { width, height, format } = await sharp(file).metadata();
    assert.equal(width, 1200);
    assert.equal(image.attr('height'), String(Math.round(((height ?? 0) * 552) / 1200)));
    assert.equal(format, 'jpeg');
    const { size } = await stat(file);
    assert.ok(size <= EMAIL_PICTURE_BUDGET, `the email's picture is ${size} bytes, over ${EMAIL_PICTURE_BUDGET}`);
    const text = await project.read(`${DAY}email.txt`);
    assert.match(text, /\nPhoto: REUTERS\/Ramzi Boudina\/File Photo\n/);
    assert.match(text, /\nReporting by Lamine Chikhi; Additional reporting by Idrees Ali; Writing\nby Angus/);
  });

  it('writes a plain-text twin with the same stories: headline, byline, summary and URL, in lines of at most 72 columns', async () => {
    for (const day of days) {
      const text = await project.read(`${day}email.txt`);
      const $ = cheerio.load(await project.read(`${day}email.html`));
      let from = 0;
      for (const story of $('.story')) {
        for (const part of ['.story__title', '.meta', '.summary']) {
          const wanted = $(story).find(part).text();
          const found = text.replace(/\s+/g, ' ').indexOf(wanted.replace(/\s+/g, ' '), from);
          assert.ok(found >= 0, `${day}email.txt lacks, or has out of order: ${wanted}`);
        }
        const url = $(story).find('.story__link').attr('href') ?? '';
        const at = text.indexOf(url, from);
        assert.ok(at >= from, `${day}email.txt lacks ${url} after the story before`);
        from = at;
      }
      for (const line of text.split('\n')) {
        // The sample's text is Latin: a character is a column.
        const columns = [...line].length;
        assert.ok(columns <= TEXT_WIDTH || (!line.includes(' ') && ABSOLUTE.test(line)), `${day}email.txt: a line of ${columns} columns: ${line}`);
        assert.equal(line, line.trimEnd(), 'no spaces at the end of a line');
      }
      assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), 'one newline at the end');
      assert.doesNotMatch(text, /\n\n\n/);
      assert.doesNotMatch(text, /<[a-z]|&[a-z]+;/i, 'no markup or entities in the sample text');
    }
  });

  it("keeps every unchanged email on a cached rebuild; a changed story rewrites only its day's", async () => {
    await project.build();
    const unchanged = await project.build();
    assert.deepEqual(
      unchanged.written.filter((file) => file.includes('email.')),
      [],
    );
    const file = path.join(project.root, 'content/2020/10/01/euro-zone-factory-activity.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^summary: .*$/m, 'summary: "Factories grew; jobs did not."'));
    const edited = await project.build();
    assert.deepEqual(edited.written.filter((written) => written.includes('email.')).sort(), [`${DAY}email.html`, `${DAY}email.txt`]);
    assert.match(await project.read(`${DAY}email.txt`), /\nFactories grew; jobs did not\.\n/);
  });
});
