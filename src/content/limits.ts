// How many tags, authors, aliases and corrections one story may list. Each tag and author is a page
// and three feeds the story is in, each alias a page: a real newsroom stays far below these.

export interface ListLimit {
  /** What the list holds, in the plural: "tags". */
  name: string;
  /** The most a story may list. */
  most: number;
  /** What to do about a longer list. */
  hint: string;
}

/**
 * News sites average a handful of tags a story, and style guides ask for at most fifteen or so; a
 * byline rarely names more than a few writers. These limits are several times what a busy desk uses.
 */
export const STORY_LIMITS = {
  tags: { name: 'tags', most: 50, hint: 'keep the tags readers follow the story by; the rest belong in the text' },
  authors: { name: 'authors', most: 20, hint: 'name the main writers in the byline; thank the others in "credits"' },
  aliases: { name: 'aliases', most: 20, hint: 'keep the old URLs that readers and search engines still use' },
  corrections: { name: 'corrections', most: 20, hint: 'merge the corrections of one change into one' },
} satisfies Record<string, ListLimit>;

/** The problem of a list longer than its limit, or undefined. */
export function overLimit(count: number, limit: ListLimit): { message: string; hint: string } | undefined {
  if (count <= limit.most) return undefined;
  return { message: `lists ${count} ${limit.name}; a story may have at most ${limit.most}`, hint: limit.hint };
}
