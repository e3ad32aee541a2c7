// What the peers benchmark measures: each scenario's stable id (the history's `scenario`) and label,
// the generators in the order the tables show them, and a peer row (who built, what it wrote).

import type { Row } from '../measure.js';

export const PEER_SCENARIO_LABELS = {
  cold: 'cold build',
  'cache-build': 'first build, writing its cache',
  'new-story': 'one new story',
} as const;

export type PeerScenario = keyof typeof PEER_SCENARIO_LABELS;

export function peerScenarioLabel(id: string): string {
  return Object.hasOwn(PEER_SCENARIO_LABELS, id) ? PEER_SCENARIO_LABELS[id as PeerScenario] : id;
}

/** The generator of a Gazette row whose site is the peers' page set (no search, no emails): issue 27's like-for-like row. */
export const LIKE_FOR_LIKE = 'Gazette, like for like';

/** The order of the peers' tables; a generator not named here comes after them. */
export const GENERATOR_ORDER: readonly string[] = ['Gazette', LIKE_FOR_LIKE, 'Hugo', 'Eleventy'];

export interface PeerRow extends Row {
  generator: string;
  version?: string;
}
