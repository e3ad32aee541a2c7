// A story's Markdown as the build carries it: named by a hash of its text, the text itself read
// when the Markdown is rendered. A build of many stories so holds none of their text, and a story
// whose file is unchanged since the last build is not read at all (see load.ts).

import { keyOf } from '../keys.js';

export interface StoryBody {
  /** A hash of the text: what the build cache knows the story's Markdown by. */
  readonly hash: string;
  /** The Markdown text. */
  text(): string;
}

export function bodyHash(text: string): string {
  return keyOf(text);
}

/** A body whose text is held (a story made in memory, or one whose text could not be found again in its file). */
export function heldBody(text: string): StoryBody {
  let hash: string | undefined;
  return {
    get hash() {
      return (hash ??= bodyHash(text));
    },
    text: () => text,
  };
}
