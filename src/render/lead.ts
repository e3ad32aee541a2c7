// The top of a story's page: its standfirst, its reading time, and whether its first paragraph opens
// with a drop cap.
// Without a `summary`, the summary is the first paragraph, so the page shows no standfirst rather
// than print the lead twice; a drop cap that would split a word set in capitals ("US") is left out.

import type { Story } from '../model/types.js';

/** The standfirst under the headline: the story's own `summary`, never its first paragraph again. */
export function standfirst(story: Story): string | null {
  return story.summary ?? null;
}

/** A reader's pace, in words a minute: news is read at about this speed. */
export const WORDS_A_MINUTE = 230;

/** Whole minutes to read `words`, at least one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_A_MINUTE));
}

/**
 * A drop cap enlarges the first letter alone, so it suits a word in lower case after its first
 * letter ("Delegations") or a word of one letter ("A"); not an abbreviation ("US", "U.S.", "NATO",
 * "iPhone") nor a number ("2020"), which it would split. Scripts without case ("الجزائر") keep theirs.
 */
export function hasDropCap(lead: string): boolean {
  const word = /^[\p{P}\p{S}\s]*([^\s]*)/u.exec(lead)?.[1] ?? '';
  const letters = word.replace(/[\p{P}\p{S}]+$/u, '');
  if (letters === '' || /^\p{N}/u.test(letters)) return false;
  if ([...letters].length === 1) return true;
  if (/[.\p{N}]/u.test(letters)) return false;
  const rest = [...letters].slice(1).join('');
  return rest === rest.toLowerCase();
}
