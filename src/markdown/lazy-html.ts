// HTML named by the hash of what it was made from, read only when a page or a feed prints it (and
// read again each time: HTML read from the cache is not held, so a large build stays small).
// Deciding whether a page or a feed changed compares keys built from JSON, where LazyHtml stands
// as its hash: a build can tell that a story page is unchanged without reading the story's HTML.

import { Drop } from 'liquidjs';

export class LazyHtml extends Drop {
  readonly #read: () => string;

  constructor(
    readonly hash: string,
    text: string | (() => string),
  ) {
    super();
    this.#read = typeof text === 'string' ? () => text : text;
  }

  get text(): string {
    return this.#read();
  }

  /** What templates print (LiquidJS reads a Drop's value through valueOf). */
  override valueOf(): string {
    return this.text;
  }

  override toString(): string {
    return this.text;
  }

  toJSON(): string {
    return `html:${this.hash}`;
  }
}
