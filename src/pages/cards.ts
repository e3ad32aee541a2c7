// Stories' cards, as every list shows them, made once while they are among the last used.

import type { Config } from '../config-types.js';
import { keyOfJson } from '../keys.js';
import type { Story } from '../model/types.js';
import type { RenderedBody, StoryCardView } from '../render/view-types.js';
import { storyCard } from '../render/views.js';

/**
 * How many stories' cards are held at once: pages come in order (stories, then each listing newest
 * first), so the cards a page shows were mostly made for the pages just before it. A card is small:
 * this many cost little beside the site graph.
 */
export const CARDS_HELD = 10_000;

/**
 * Stories' cards, made once while they are among the `held` last used: a card appears on many pages
 * (fronts, tags, editions, related stories), but a large archive's cards are not all held at once.
 */
export function storyCards(body: (story: Story) => RenderedBody, config: Config, held = CARDS_HELD): (story: Story) => StoryCardView {
  // A Map iterates in insertion order: a card used again is moved to the end, the first is the least recently used.
  const cards = new Map<Story, StoryCardView>();
  return (story) => {
    let view = cards.get(story);
    if (view === undefined) {
      view = namedByHash(storyCard(story, body(story), config));
      if (cards.size >= held) cards.delete(cards.keys().next().value as Story);
    } else {
      cards.delete(story);
    }
    cards.set(story, view);
    return view;
  };
}

/** In the JSON that keys a page, a card stands as the hash of its own JSON. Templates do not see the difference. */
export function namedByHash<T extends object>(view: T): T {
  const hash = keyOfJson(view);
  return Object.defineProperty(view, 'toJSON', { value: () => `card:${hash}`, enumerable: false });
}
