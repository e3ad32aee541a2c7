// The theme's words: plural forms by the language's rules, `{name}` filled in, tables checked, and
// a site's words chosen by language with English as the fallback.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { siteWords } from '../src/config-words.js';
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

  it("takes the site's language, its base language, then English, the site's tables over the packaged theme's, and strings over all", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gazette-words-'));
    const table = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    };
    await table('packaged/i18n/en.yaml', 'a: A\nb: B\nc: C\nd: D\n');
    await table('packaged/i18n/fr.yaml', 'a: À\nb: Bé\n');
    await table('packaged/i18n/fr-CA.yaml', 'a: Â\n');
    await table('templates/i18n/en.yaml', 'd: Dee\n');
    await table('templates/i18n/fr.yaml', 'b: Bée\n');
    const sources = { root, templatesDir: path.join(root, 'templates'), themeDir: path.join(root, 'packaged'), language: 'fr-CA' };
    const problems: string[] = [];
    const report = (field: string, message: string) => problems.push(`${field}  ${message}`);
    assert.deepEqual(siteWords(sources, { c: 'Cé' }, report), { a: 'Â', b: 'Bée', c: 'Cé', d: 'Dee' });
    assert.deepEqual(siteWords({ ...sources, language: 'de' }, undefined, report), { a: 'A', b: 'B', c: 'C', d: 'Dee' });
    assert.deepEqual(problems, []);
    siteWords(sources, { e: 'E', a: 3 }, report);
    assert.deepEqual(problems, [
      'strings.a  expected a text, or a mapping of plural forms (zero, one, two, few, many, other) with "other", found number 3',
      'strings.e  no word of the theme is called "e"',
    ]);
    await rm(root, { recursive: true, force: true });
  });
});
