// Typed readers for front-matter fields: each returns a trusted value or records a problem that
// names the field, its line, what was found and what was expected.

import { DateTime } from 'luxon';
import { GazetteError } from '../errors.js';
import type { YamlData } from '../yaml.js';
import { describe } from '../yaml.js';
import { type ListLimit, overLimit } from './limits.js';
import { describeRemoved, REMOVED_HINT, removeUnpublishable } from './text.js';

// ISO 8601, and Jekyll's `2020-10-03 16:40:00 +0100` (a space before the offset).
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** The dates a story may have, for messages. */
export const DATE_FORMS = 'ISO 8601 (2020-10-03, 2020-10-03T16:40:00+01:00), 2020-10-03 16:40:00 +0100, or a file name starting 2020-10-03-';

export class FieldReader {
  readonly problems: GazetteError[] = [];
  readonly warnings: GazetteError[] = [];

  constructor(
    readonly file: string,
    readonly frontMatter: YamlData,
    readonly fields: Record<string, unknown>,
    readonly timeZone: string,
  ) {}

  problem(field: string, message: string, hint?: string, code: GazetteError['code'] = 'field-invalid'): void {
    this.problems.push(this.at(field, code, message, hint));
  }

  warn(field: string, message: string, hint?: string, code: GazetteError['code'] = 'field-invalid'): void {
    this.warnings.push(this.at(field, code, message, hint));
  }

  private at(field: string, code: GazetteError['code'], message: string, hint?: string): GazetteError {
    const place = this.frontMatter.locate(field);
    return new GazetteError({ code, file: this.file, line: place?.line, column: place?.column, field, message, hint });
  }

  text(field: string, value: unknown = this.fields[field]): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.problem(field, `expected text, found ${describe(value)}`, 'put the value in quotes');
      return undefined;
    }
    // The file's own control characters are gone already; these came from YAML escapes ("\u0007").
    const removed = removeUnpublishable(value);
    if (removed.count > 0) this.warn(field, describeRemoved(removed), REMOVED_HINT, 'control-characters');
    const trimmed = removed.text.trim();
    if (trimmed === '') {
      this.problem(field, 'is empty', 'remove the field or give it a value');
      return undefined;
    }
    return trimmed;
  }

  requiredText(field: string): string | undefined {
    if (this.fields[field] === undefined || this.fields[field] === null) {
      this.problem(field, 'is required', `add a line "${field}: …" to the front-matter`, 'field-missing');
      return undefined;
    }
    return this.text(field);
  }

  boolean(field: string): boolean | undefined {
    const value = this.fields[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.problem(field, `expected true or false, found ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  /**
   * A list of texts; one comma-separated text is accepted too, with a warning. A list longer than
   * `limit` is one problem, its items unread.
   */
  textList(field: string, limit: ListLimit, spaceSeparated = false): string[] | undefined {
    const value = this.fields[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') {
      // Jekyll reads `tags: a b c` as three tags; with a comma, the commas separate.
      const items = value
        .split(spaceSeparated && !value.includes(',') ? /\s+/ : ',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (this.isOverLimit(field, items.length, limit)) return undefined;
      if (items.length > 1) this.warn(field, `read "${value}" as a list of ${items.length}`, `write a YAML list: ${field}: [${items.join(', ')}]`);
      return items;
    }
    if (!Array.isArray(value)) {
      this.problem(field, `expected a list, found ${describe(value)}`, `e.g. ${field}: [Algeria, Libya]`);
      return undefined;
    }
    if (this.isOverLimit(field, value.length, limit)) return undefined;
    const items: string[] = [];
    value.forEach((item, index) => {
      const text = this.text(`${field}`, typeof item === 'number' ? String(item) : item);
      if (text !== undefined) items.push(text);
      else if (item === null || item === undefined) this.problem(field, `item ${index + 1} is empty`);
    });
    return items;
  }

  /** Records the problem of a list longer than `limit`. */
  isOverLimit(field: string, count: number, limit: ListLimit): boolean {
    const over = overLimit(count, limit);
    if (over) this.problem(field, over.message, over.hint);
    return over !== undefined;
  }

  /** An ISO 8601 date as written: impossible dates are refused, never rolled over. */
  date(field: string, required: boolean): DateTime | undefined {
    return this.dateValue(field, this.fields[field], required);
  }

  dateValue(field: string, value: unknown, required: boolean): DateTime | undefined {
    if (value === undefined || value === null) {
      if (required) this.problem(field, 'is required', 'e.g. date: 2020-10-01T16:40:00+01:00', 'field-missing');
      return undefined;
    }
    const written = typeof value === 'number' ? String(value) : value;
    const expected = 'expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00';
    const parts = typeof written === 'string' ? ISO_DATE.exec(written.trim()) : null;
    if (typeof written !== 'string' || !parts) {
      this.problem(field, `${describe(value)} is not a date`, expected, 'date-invalid');
      return undefined;
    }
    const [, , , , hour = '00', minute = '00', second = '00', offset] = parts;
    const iso = written
      .trim()
      .replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T')
      .replace(/ (Z|[+-]\d{2}(?::?\d{2})?)$/, '$1');
    const parsed = DateTime.fromISO(iso, { zone: this.timeZone });
    // Luxon reads 24:00 as the next midnight; an author who wrote it meant something else.
    if (!parsed.isValid || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
      this.problem(field, `"${written}" is not a real date or time`, expected, 'date-invalid');
      return undefined;
    }
    if (offset && offset !== 'Z' && (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(-2)) > 59)) {
      this.problem(field, `"${written}" has no real UTC offset (${offset})`, 'offsets run from -12:00 to +14:00', 'date-invalid');
      return undefined;
    }
    // Without an offset the time is read in the site's zone, where it may not exist: the hour the
    // clocks skip when daylight saving time starts. Luxon would move it on; we say so instead.
    if (!offset && (parsed.hour !== Number(hour) || parsed.minute !== Number(minute))) {
      this.problem(
        field,
        `"${written}" does not exist in ${this.timeZone}: the clocks skip that hour`,
        'write the time with its offset, e.g. 2021-03-28T03:30:00+02:00',
        'date-invalid',
      );
      return undefined;
    }
    // Pages and feeds write four-digit years (RFC 822, RFC 3339, the site's date formats): past them,
    // in UTC or in the site's zone, a date would print as "Invalid DateTime" or break every feed.
    const local = parsed.setZone(this.timeZone);
    for (const [year, where] of [
      [parsed.toUTC().year, 'UTC'],
      [local.year, this.timeZone],
    ] as const) {
      if (year < 1 || year > 9999) {
        this.problem(
          field,
          `"${written}" is in the year ${year} in ${where}; pages and feeds show the years 1 to 9999`,
          'check the year and the offset',
          'date-invalid',
        );
        return undefined;
      }
    }
    return local;
  }
}
