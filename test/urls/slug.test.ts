import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileSlug, isDeviceName, isValidSlug, MAX_SLUG_BYTES, slugify } from '../../src/urls/slug.js';

describe('slugify', () => {
  it('lower-cases and joins words with hyphens', () => {
    assert.equal(slugify('Breaking NEWS Today'), 'breaking-news-today');
  });

  it('folds diacritics and drops apostrophes', () => {
    assert.equal(slugify("Côte d'Ivoire"), 'cote-divoire');
    assert.equal(slugify('Côte d’Ivoire'), 'cote-divoire');
    assert.equal(slugify('Algéria'), 'algeria');
    assert.equal(slugify('São Tomé'), 'sao-tome');
  });

  it('folds letters that do not decompose', () => {
    assert.equal(slugify('Straße'), 'strasse');
    assert.equal(slugify('Łódź'), 'lodz');
    assert.equal(slugify('Ærø Œuvre'), 'aero-oeuvre');
  });

  it('turns every run of punctuation and spaces into one hyphen, none at the ends', () => {
    assert.equal(slugify('  Hello,  world!!! -- again?  '), 'hello-world-again');
    assert.equal(slugify('US/EU: talks (round 2)'), 'us-eu-talks-round-2');
  });

  it('keeps letters of non-Latin scripts', () => {
    assert.equal(slugify('Москва'), 'москва');
    assert.equal(slugify('中国 2020'), '中国-2020');
    assert.equal(slugify('الجزائر'), 'الجزائر');
    assert.equal(slugify('Alger — الجزائر'), 'alger-الجزائر');
    assert.equal(slugify('مؤتمر'), 'مؤتمر');
    assert.equal(slugify('한국 뉴스'), '한국-뉴스');
    assert.equal(slugify('がっこう'), 'がっこう');
  });

  it('keeps the vowel signs of Indic scripts inside their word', () => {
    assert.equal(slugify('हिन्दी समाचार'), 'हिन्दी-समाचार');
    assert.equal(slugify('বাংলা'), 'বাংলা');
  });

  it('gives an empty slug when nothing is left', () => {
    assert.equal(slugify('!!!'), '');
    assert.equal(slugify(''), '');
    assert.equal(slugify(' — '), '');
  });
});

describe('isValidSlug', () => {
  it('accepts what slugify keeps', () => {
    assert.equal(isValidSlug('cote-divoire'), true);
    assert.equal(isValidSlug('covid-19'), true);
    assert.equal(isValidSlug('москва'), true);
    assert.equal(isValidSlug('الجزائر'), true);
  });

  it('keeps what old URLs have: capitals, underscores, dots, tildes, any script', () => {
    for (const slug of ['Algeria', 'my_first_post', 'Release-1.2', '~draft', 'côte', 'Москва']) assert.equal(isValidSlug(slug), true, slug);
  });

  it('refuses the empty slug, separators, runs of hyphens, a leading dot and device names in any case', () => {
    for (const slug of ['', 'a/b', '..', '.hidden', 'a b', '-a', 'a-', 'a--b', 'CON', 'nul.txt']) {
      assert.equal(isValidSlug(slug), false, slug);
    }
  });
});

describe('fileSlug', () => {
  it('is the file name without its extension and a leading date, never the headline', () => {
    assert.equal(fileSlug('content/_posts/2020-10-03-My_First_Post.markdown'), 'My_First_Post');
    assert.equal(fileSlug('content/2020/10/01/Release-1.2.md'), 'Release-1.2');
    assert.equal(fileSlug('content/blog/storm hits coast.md'), 'storm-hits-coast');
  });

  it("gives a page bundle's index.md the folder's name", () => {
    assert.equal(fileSlug('content/posts/my-trip/index.md'), 'my-trip');
  });
});

describe('slugs that a file system cannot take', () => {
  it('cuts a slug longer than a folder name after a whole word', () => {
    const slug = slugify('word '.repeat(100));
    assert.ok(Buffer.byteLength(slug) <= MAX_SLUG_BYTES);
    assert.match(slug, /^(word-)+word$/);
    const arabic = slugify('الجزائر '.repeat(40));
    assert.ok(Buffer.byteLength(arabic) <= MAX_SLUG_BYTES, `${Buffer.byteLength(arabic)} bytes`);
    assert.match(arabic, /^(الجزائر-)+الجزائر$/);
  });

  it('leaves slugs that fit as they were', () => {
    const title = 'a'.repeat(MAX_SLUG_BYTES);
    assert.equal(slugify(title), title);
  });

  it('refuses Windows device names as hand-written slugs', () => {
    for (const name of ['con', 'prn', 'aux', 'nul', 'com1', 'lpt9']) {
      assert.equal(isDeviceName(name), true, name);
      assert.equal(isValidSlug(name), false, name);
    }
    for (const name of ['cons', 'console', 'com10', 'null', 'aux-news']) assert.equal(isValidSlug(name), true, name);
  });
});
