// Properties of reading a story (fast-check): whatever the file holds, reading it either gives a
// story or problems that are GazetteErrors with their file; and a date is accepted exactly when it
// exists, with the very day and time the author wrote.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { splitStory } from '../../src/content/frontmatter.js';
import { readStory, type StoryResult } from '../../src/content/story.js';
import { removeUnpublishable } from '../../src/content/text.js';
import { GazetteError } from '../../src/errors.js';
import { hostileMarkdown, hostileText, runs } from '../support/properties.js';

const FILE = 'content/story.md';

/** What loading a story file does with its text, without the disk. */
function read(text: string, timeZone = 'Africa/Algiers'): StoryResult | GazetteError {
  try {
    return readStory(FILE, splitStory(removeUnpublishable(text.replace(/\r\n?/g, '\n')).text, FILE), timeZone);
  } catch (error) {
    if (error instanceof GazetteError) return error;
    throw error;
  }
}

function assertReported(result: StoryResult | GazetteError): void {
  const problems = result instanceof GazetteError ? [result] : [...result.problems, ...result.warnings];
  for (const problem of problems) {
    assert.ok(problem instanceof GazetteError);
    assert.equal(problem.file, FILE);
    assert.doesNotMatch(problem.format(), /[\u0000-\u0008\u000B-\u001F\u007F]/, 'a message carries a raw control character');
  }
  if (!(result instanceof GazetteError) && result.story) {
    assert.equal(result.problems.length, 0);
    assert.ok(typeof result.story.title === 'string' && result.story.title.trim() === result.story.title && result.story.title !== '');
    assert.ok(result.story.date.isValid);
    assert.ok(result.story.tags.every((tag) => typeof tag === 'string' && tag !== ''));
  }
}

const fence = fc.constantFrom('---', '---', '---yaml', '--- ', '---js', '---JSON', '----', '');
const anyValue = fc.oneof(
  hostileText(10),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileText(5), { maxLength: 4 }),
  fc.dictionary(hostileText(4), hostileText(4), { maxKeys: 3 }),
);
const frontMatter = fc.record(
  {
    title: anyValue,
    date: fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      hostileText(6),
      anyValue,
    ),
    updated: anyValue,
    tags: anyValue,
    authors: anyValue,
    image: fc.oneof(anyValue, fc.record({ src: anyValue, alt: anyValue, caption: anyValue, credit: anyValue }, { requiredKeys: [] })),
    slug: anyValue,
    aliases: anyValue,
    corrections: fc.oneof(anyValue, fc.array(fc.record({ date: anyValue, text: anyValue }), { maxLength: 3 })),
    draft: anyValue,
    extra: anyValue,
  },
  { requiredKeys: [] },
);

describe('reading a story: properties', () => {
  it('any text gives a story or GazetteErrors naming the file, never a crash', () => {
    const storyShaped = fc.tuple(fence, hostileText(30), hostileMarkdown()).map(([open, yaml, body]) => `${open}\n${yaml}\n---\n${body}`);
    fc.assert(
      fc.property(fc.oneof(hostileText(80), storyShaped), (text) => assertReported(read(text))),
      runs(1500),
    );
  });

  it('any front-matter values give a story or problems, never a crash', () => {
    fc.assert(
      fc.property(frontMatter, hostileMarkdown(), (fields, body) => {
        assertReported(read(`---\n${stringify(fields)}---\n${body}`));
      }),
      runs(800),
    );
  });

  it('a date is accepted exactly when it exists, and keeps the day and time written', () => {
    // Mostly the values at the edges, where dates roll over.
    const part = (min: number, max: number, ...edges: number[]) =>
      fc.oneof(fc.constantFrom(...edges), fc.integer({ min, max })).map((value) => String(value).padStart(2, '0'));
    const written = fc.record({
      year: fc.constantFrom(1970, 2000, 2020, 2021, 2024, 2100).map(String),
      month: part(0, 13, 0, 1, 2, 12, 13),
      day: part(0, 32, 0, 1, 28, 29, 30, 31, 32),
      hour: part(0, 25, 0, 23, 24, 25),
      minute: part(0, 61, 0, 59, 60),
      second: part(0, 61, 0, 59, 60, 61),
      offset: fc.option(fc.tuple(fc.constantFrom('+', '-'), part(0, 16, 0, 14, 15), part(0, 61, 0, 59, 60)), { nil: undefined }),
    });
    fc.assert(
      fc.property(written, (date) => {
        const offset = date.offset ? `${date.offset[0]}${date.offset[1]}:${date.offset[2]}` : '';
        const text = `${date.year}-${date.month}-${date.day}T${date.hour}:${date.minute}:${date.second}${offset}`;
        const [year, month, day, hour, minute, second] = [date.year, date.month, date.day, date.hour, date.minute, date.second].map(Number) as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        const [offsetHours, offsetMinutes] = date.offset ? [Number(date.offset[1]), Number(date.offset[2])] : [0, 0];
        const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
        const exists =
          month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 14 && offsetMinutes <= 59;

        const result = read(`---\ntitle: T\ndate: "${text}"\n---\n`, 'UTC');
        assert.ok(!(result instanceof GazetteError));
        assert.equal(result.story !== undefined, exists, `${text} ${exists ? 'exists' : 'does not exist'}`);
        if (!result.story) {
          assert.deepEqual(
            result.problems.map((problem) => [problem.field, problem.code]),
            [['date', 'date-invalid']],
          );
          return;
        }
        const sign = date.offset?.[0] === '-' ? -1 : 1;
        const instant = Date.UTC(year, month - 1, day, hour, minute, second) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
        assert.equal(result.story.date.toMillis(), instant, text);
      }),
      runs(1500),
    );
  });
});
