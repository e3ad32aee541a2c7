// The theme's words: plural forms by the language's rules, `{name}` filled in, tables checked, and
// a site's words chosen by language with English as the fallback.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { siteWords } from '../src/render/site-words.js';
import { formatWord, readWords } from '../src/words.js';

const STORIES = { zero: 'لا مقالات', one: 'مقال واحد', two: 'مقالان', few: '{count} مقالات', many: '{count} مقالًا', other: '{count} مقال' };

describe('words', () => {
  it('chooses the plural form of the language and fills in the values', () => {
    assert.equal(formatWord({ one: '{count} story', other: '{count} stories' }, 'en', { count: 1 }), '1 story');
    assert.equal(formatWord({ one: '{count} story', other: '{count} stories' }, 'en', { count: 0 }), '0 stories');
    assert.deepEqual(
      [0, 1, 2, 3, 11, 100].map((count) => formatWord(STORIES, 'ar', { count })),
      ['لا مقالات', 'مقال واحد', 'مقالان', '3 مقالات', '11 مقالًا', '100 مقال'],
    );
    assert.equal(formatWord('Follow {name}: {missing}', 'en', { name: 'Libya' }), 'Follow Libya: {missing}');
  });

  it('reads a table, naming each entry that is not a word', () => {
    const problems: string[] = [];
    const words = readWords({ a: 'A', b: { one: 'x', other: 'y' }, c: { one: 'x' }, d: 3, e: { other: 'y', several: 'z' } }, (key, message) =>
      problems.push(`${key}: ${message}`),
    );
    assert.deepEqual(Object.keys(words), ['a', 'b']);
    assert.deepEqual(
      problems.map((problem) => problem.split(':')[0]),
      ['c', 'd', 'e'],
    );
  });

  it("takes the site's language, its base language, then English, and the site's strings over them", () => {
    const tables = { en: { a: 'A', b: 'B', c: 'C' }, fr: { a: 'À', b: 'Bé' }, 'fr-CA': { a: 'Â' } };
    const config = { language: 'fr-CA', strings: { c: 'Cé' }, configFile: 'gazette.config.yaml', root: '/site' };
    assert.deepEqual(siteWords(tables, config), { a: 'Â', b: 'Bé', c: 'Cé' });
    assert.deepEqual(siteWords(tables, { ...config, language: 'de', strings: {} }), tables.en);
    assert.throws(() => siteWords(tables, { ...config, strings: { d: 'D' } }), /no word of the theme is called "d"/);
  });
});
