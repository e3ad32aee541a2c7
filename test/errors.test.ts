import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_CODES, GazetteError, showControls } from '../src/errors.js';

describe('GazetteError', () => {
  it('prints file:line:column, field, message, hint and code, leaving out what is not known', () => {
    const full = new GazetteError({
      code: 'date-invalid',
      file: 'content/a.md',
      line: 3,
      column: 1,
      field: 'date',
      message: 'is not a date',
      hint: 'e.g. 2020-10-01',
    });
    assert.equal(full.format(), 'content/a.md:3:1  date  is not a date  (e.g. 2020-10-01)  [date-invalid]');
    assert.equal(
      new GazetteError({ code: 'content-too-large', file: 'content/a.md', message: 'too big' }).format(),
      'content/a.md  too big  [content-too-large]',
    );
    assert.equal(
      new GazetteError({ code: 'markdown-too-deep', file: 'content/a.md', line: 9, column: 4, message: 'deep' }).format(),
      'content/a.md:9:4  deep  [markdown-too-deep]',
    );
    assert.equal(new GazetteError({ code: 'usage', field: '--now', message: 'bad' }).format(), '--now  bad  [usage]');
  });

  it('prints control characters from anywhere in the message as escapes', () => {
    const error = new GazetteError({
      code: 'slug-invalid',
      file: 'content/\u001b[2J.md',
      field: 'slug',
      message: '"a\u0007b" is not a URL slug',
      hint: 'line\nbreak',
    });
    assert.equal(error.format(), 'content/\\u001b[2J.md  slug  "a\\u0007b" is not a URL slug  (line\\u000abreak)  [slug-invalid]');
    assert.equal(showControls('tab\there, DEL\u007f, NEL\u0085; é and 🇩🇿 stay'), 'tab\\u0009here, DEL\\u007f, NEL\\u0085; é and 🇩🇿 stay');
  });

  it('has every code explained in the README, and nothing else there', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| code | meaning |'), readme.indexOf('### Hostile and broken content'));
    const documented = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    assert.deepEqual(documented, [...ERROR_CODES]);
  });
});
