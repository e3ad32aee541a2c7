// Typed readers for front-matter fields: each returns a trusted value or records a problem that
// names the field, its line, what was found and what was expected.

import { DateTime } from 'luxon';
import { describe } from '../config.js';
import { GazetteError } from '../errors.js';
import type { YamlData } from '../yaml.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

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

  warn(field: string, message: string, hint?: string): void {
    this.warnings.push(this.at(field, 'field-invalid', message, hint));
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
    const trimmed = value.trim();
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

  /** A list of texts; one comma-separated text is accepted too, with a warning. */
  textList(field: string): string[] | undefined {
    const value = this.fields[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') {
      const items = value.split(',').map((item) => item.trim()).filter(Boolean);
      if (items.length > 1) this.warn(field, `read "${value}" as a list of ${items.length}`, `write a YAML list: ${field}: [${items.join(', ')}]`);
      return items;
    }
    if (!Array.isArray(value)) {
      this.problem(field, `expected a list, found ${describe(value)}`, `e.g. ${field}: [Algeria, Libya]`);
      return undefined;
    }
    const items: string[] = [];
    value.forEach((item, index) => {
      const text = this.text(`${field}`, typeof item === 'number' ? String(item) : item);
      if (text !== undefined) items.push(text);
      else if (item === null || item === undefined) this.problem(field, `item ${index + 1} is empty`);
    });
    return items;
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
    if (typeof written !== 'string' || !ISO_DATE.test(written.trim())) {
      this.problem(field, `${describe(value)} is not a date`, expected, 'date-invalid');
      return undefined;
    }
    const parsed = DateTime.fromISO(written.trim().replace(' ', 'T'), { zone: this.timeZone });
    if (!parsed.isValid) {
      this.problem(field, `"${written}" is not a real date or time`, expected, 'date-invalid');
      return undefined;
    }
    return parsed.setZone(this.timeZone);
  }
}
