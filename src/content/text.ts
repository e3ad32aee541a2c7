// Characters a story may not publish: control characters (NUL, escape, backspace, …), the two
// noncharacters U+FFFE and U+FFFF and halves of surrogate pairs. XML 1.0 forbids them in feeds and
// HTML calls them parse errors, so they are removed where a story is read, and the author is told.

const UNPUBLISHABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

export interface RemovedCharacters {
  text: string;
  /** How many were removed, and the first of them as U+XXXX, with its offset in the original text. */
  count: number;
  first: { name: string; offset: number } | undefined;
}

export function removeUnpublishable(text: string): RemovedCharacters {
  let count = 0;
  let first: RemovedCharacters['first'];
  const cleaned = text.replace(UNPUBLISHABLE, (character, offset: number) => {
    count += 1;
    first ??= { name: `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`, offset };
    return '';
  });
  return { text: cleaned, count, first };
}

export function describeRemoved(removed: RemovedCharacters): string {
  return `${removed.count} control character${removed.count === 1 ? '' : 's'} removed (the first: ${removed.first?.name})`;
}

export const REMOVED_HINT = 'they are invisible and forbidden in feeds; they usually come from text pasted from elsewhere';
