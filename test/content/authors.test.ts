// content/authors.yaml read back: every field of a profile, and every problem of a bad file with
// its line, column and field, the way the command line prints it.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadAuthorProfiles } from '../../src/content/authors.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/authors');
const load = (fixture: string) => loadAuthorProfiles(path.join(FIXTURES, fixture), path.join(FIXTURES, fixture, 'content'));
const printed = async (fixture: string) => {
  const { problems, warnings } = await load(fixture);
  return [...problems, ...warnings].map((problem) => problem.format());
};

describe('loadAuthorProfiles', () => {
  it('reads every field of a profile, and profiles with none', async () => {
    const { profiles, problems, warnings } = await load('complete');
    assert.deepEqual([problems, warnings], [[], []]);
    assert.deepEqual(profiles, [
      {
        key: 'Ines Trabelsi',
        name: 'Ines Trabelsi',
        bio: 'Covers Libya and Tunisia from Tunis.',
        photo: '/images/authors/ines.jpg',
        email: 'ines.trabelsi@example.org',
        links: [
          { title: 'Website', url: 'https://example.org/ines/' },
          { title: 'Mastodon', url: 'https://example.social/@ines' },
        ],
        file: 'content/authors.yaml',
        line: 2,
        column: 1,
      },
      {
        key: 'lchikhi',
        name: 'Lamine Chikhi',
        bio: undefined,
        photo: undefined,
        email: undefined,
        links: [],
        file: 'content/authors.yaml',
        line: 9,
        column: 1,
      },
      {
        key: 'J. R. Smith',
        name: 'J. R. Smith',
        bio: undefined,
        photo: undefined,
        email: undefined,
        links: [],
        file: 'content/authors.yaml',
        line: 11,
        column: 1,
      },
      {
        key: 'Aminata Koné',
        name: 'Aminata Koné',
        bio: undefined,
        photo: undefined,
        email: undefined,
        links: [],
        file: 'content/authors.yaml',
        line: 12,
        column: 1,
      },
    ]);
  });

  it('has no profiles when there is no file', async () => {
    assert.deepEqual(await loadAuthorProfiles(FIXTURES, path.join(FIXTURES, 'nowhere')), { profiles: [], problems: [], warnings: [] });
  });

  it('names every problem with its line, column, author and field', async () => {
    assert.deepEqual(await printed('problems'), [
      'content/authors.yaml:3:3  Ines Trabelsi.twitter  unknown field "twitter"  (known fields: name, bio, photo, email, links)  [field-invalid]',
      'content/authors.yaml:2:3  Ines Trabelsi.bio  expected text, found a list  (put the value in quotes)  [field-invalid]',
      'content/authors.yaml:4:3  Ines Trabelsi.photo  "javascript:alert(1)" is not a safe address  (give a path such as /images/authors/name.jpg or an https:// URL)  [url-unsafe]',
      'content/authors.yaml:5:3  Ines Trabelsi.email  "not an address" is not an email address  (e.g. email: lamine.chikhi@example.org)  [field-invalid]',
      'content/authors.yaml:9:5  Aminata Koné.links.Mail  "JaVaScRiPt:alert(1)" is not a safe address  (link to an https:// address, a mailto: address or a path on the site)  [url-unsafe]',
      'content/authors.yaml:10:5  Aminata Koné.links.Phone  expected text, found number 5551234  (put the value in quotes)  [field-invalid]',
      'content/authors.yaml:11:1  Moussa Diarra  expected a mapping of profile fields, found "A reporter in Bamako."  (known fields: name, bio, photo, email, links)  [field-invalid]',
      'content/authors.yaml:13:3  Nadia Ouali.links  expected a mapping of titles to addresses, found a list  (e.g. links: { Website: https://example.org/, Mastodon: https://example.social/@name })  [field-invalid]',
      'content/authors.yaml:14:1  ines trabelsi  has the same page as "Ines Trabelsi" (line 1)  (names that differ only in case or accents are one author: keep one profile)  [authors-invalid]',
      'content/authors.yaml:16:1  nouali  names the same author "Nadia OUALI" as "Nadia Ouali" (line 12)  (names that differ only in case or accents are one author: keep one profile)  [authors-invalid]',
      "content/authors.yaml:18:1  —  gives an empty URL slug  (write the author's name, with letters or digits)  [slug-invalid]",
      'content/authors.yaml:21:3  Samira Benali.name  is empty  (remove the field or give it a value)  [field-invalid]',
      'content/authors.yaml:22:3  Samira Benali.photo  "data:image/png;base64,AAAA" is not a safe address  (give a path such as /images/authors/name.jpg or an https:// URL)  [url-unsafe]',
    ]);
  });

  it('refuses YAML that does not parse, and a file that is not a mapping of authors', async () => {
    assert.deepEqual(await printed('broken-yaml'), [
      'content/authors.yaml:3:1  invalid YAML: All mapping items must start at the same column  (e.g. "Lamine Chikhi:" and below it, indented, "bio: …", "photo: …", "email: …", "links: { Website: https://… }")  [authors-invalid]',
    ]);
    assert.deepEqual(await printed('list'), [
      'content/authors.yaml:1:1  expected a mapping of authors, found a list  (e.g. "Lamine Chikhi:" and below it, indented, "bio: …", "photo: …", "email: …", "links: { Website: https://… }")  [authors-invalid]',
    ]);
  });
});
