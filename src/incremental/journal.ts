// The changes of a table of entries (key to value) between two saves, and the journal they are kept
// in: a file of one JSON line per save, after a base file that holds every entry. A save that changed
// a few entries of a large table appends a few lines instead of writing the table again; the journal
// is folded into a new base once it has grown (see manifest.ts).

import { appendFile, readFile } from 'node:fs/promises';

/** What a save changed in a table: the entries it added or replaced, and the keys it dropped. */
export interface TableChange<T> {
  set: Record<string, T>;
  drop: string[];
}

/** The change from `before` to `after`; `same` tells whether an entry kept its value. */
export function tableChange<T>(before: Readonly<Record<string, T>>, after: ReadonlyMap<string, T>, same: (was: T, is: T) => boolean): TableChange<T> {
  const set: Record<string, T> = {};
  for (const [key, value] of after) {
    const was = Object.hasOwn(before, key) ? before[key] : undefined;
    if (was === undefined || !same(was, value)) set[key] = value;
  }
  return { set, drop: Object.keys(before).filter((key) => !after.has(key)) };
}

export function applyTableChange<T>(table: Record<string, T>, change: TableChange<T>): void {
  for (const key of change.drop) delete table[key];
  Object.assign(table, change.set);
}

export function isEmptyChange(change: TableChange<unknown>): boolean {
  return change.drop.length === 0 && Object.keys(change.set).length === 0;
}

/**
 * The journal's lines written after the base named `base`, in order, and the journal's size. A line
 * that does not parse (a save killed while appending) is left out: every line stands on its own.
 */
export async function readJournal<Line extends { base: string }>(file: string, base: string): Promise<{ lines: Line[]; bytes: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { lines: [], bytes: 0 };
  }
  const lines: Line[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const parsed = JSON.parse(line) as Line;
      if (parsed.base === base) lines.push(parsed);
    } catch {
      // Cut short: the save that wrote it did not finish.
    }
  }
  return { lines, bytes: Buffer.byteLength(text) };
}

/** Appends one line; it starts with a line break, so that a line cut short before it stays apart. */
export async function appendJournal(file: string, line: object): Promise<number> {
  const text = `\n${JSON.stringify(line)}\n`;
  await appendFile(file, text);
  return Buffer.byteLength(text);
}
