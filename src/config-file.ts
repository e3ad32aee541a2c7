// Where the configuration comes from: the file found (or named) and read as YAML or JSON with its
// lines, and the build's clock.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { GazetteError } from './errors.js';
import type { YamlData } from './yaml.js';
import { parseYaml, YamlProblem } from './yaml.js';

export const CONFIG_FILES = ['gazette.config.yaml', 'gazette.config.yml', 'gazette.config.json'];

export function findConfigFile(root: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(root, explicit);
    if (!existsSync(file)) throw new GazetteError({ code: 'config-unreadable', file: explicit, message: 'configuration file not found' });
    return file;
  }
  return CONFIG_FILES.map((name) => path.join(root, name)).find((file) => existsSync(file));
}

export function readConfigFile(file: string, label: string): YamlData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GazetteError({ code: 'config-unreadable', file: label, message: 'cannot read the configuration file', cause });
  }
  try {
    // JSON is a subset of YAML 1.2, so one parser serves both file kinds, with line numbers.
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YamlProblem)) throw error;
    throw new GazetteError({ code: 'config-invalid', file: label, line: error.line, column: error.column, message: error.message, cause: error });
  }
}

/** The clock: --now when given (without an offset, in the site's time zone), else the machine's. */
export function readNow(value: string | undefined, clock: () => Date, timeZone: string): DateTime {
  if (value === undefined) return DateTime.fromJSDate(clock(), { zone: 'utc' });
  const now = DateTime.fromISO(value, { zone: timeZone, setZone: true });
  if (!now.isValid) {
    throw new GazetteError({ code: 'usage', field: '--now', message: `"${value}" is not an ISO 8601 date`, hint: 'e.g. --now 2020-10-02T12:00:00Z' });
  }
  return now;
}
