// Every feed file, as the writer takes it: a feed made from the same inputs as the one the output
// folder holds is kept without being made, one whose text would be the same without being written.

import { codeFingerprint } from '../code-fingerprint.js';
import { settingsKey } from '../config.js';
import type { Config } from '../config-types.js';
import { keyOf } from '../keys.js';
import type { Site, Story } from '../model/types.js';
import type { SiteWriter } from '../output/writer.js';
import type { StoryBodies } from '../render/bodies.js';
import { GENERATOR } from '../version.js';
import { type FeedItem, type ItemOwner, storyItem } from './feed.js';
import { renderSiteFeeds } from './site-feeds.js';

export async function writeFeeds(
  site: Site,
  bodies: StoryBodies,
  config: Config,
  name: (story: Story) => string | undefined,
  writer: SiteWriter,
  between: () => Promise<void>,
): Promise<void> {
  const summary = (story: Story) => bodies.pages.get(story)?.summary ?? '';
  const text = {
    summary,
    item: (story: Story, owner?: ItemOwner): FeedItem =>
      storyItem(story, summary(story), bodies.feeds.get(story) ?? '', config, bodies.pages.get(story)?.image, owner),
  };
  const names = { site: keyOf(codeFingerprint(), settingsKey(config)), story: name, kept: (file: string, inputs: string) => writer.madeFrom(file, inputs) };
  for (const file of renderSiteFeeds(site, text, config, GENERATOR, writer.holds, names)) {
    await between();
    await writer.add(file);
  }
}
