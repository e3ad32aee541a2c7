// A day's edition as a page: its stories' cards, the days before and after it, its feeds, and the
// links to its email (which the default theme does not show readers).

import type { DateTime } from 'luxon';
import type { Config } from '../config-types.js';
import type { Edition, Story } from '../model/types.js';
import type { FeedLink, Page } from '../render/page.js';
import type { StoryCardView } from '../render/view-types.js';
import { editionTitle, editionView } from '../render/views.js';
import { linkTo } from '../urls/links.js';
import { editionPath, emailPaths } from '../urls/paths.js';
import { say } from '../words.js';
import { completePage } from './story-page.js';

export function editionPage(
  edition: Edition,
  place: { older: string | undefined; newer: string | undefined; lastmod: DateTime | undefined },
  card: (story: Story) => StoryCardView,
  config: Config,
  feeds: { site: readonly FeedLink[]; editions: FeedLink[] },
): Page {
  const view = editionView(edition, edition.stories.map(card), config);
  const path = editionPath(edition.day);
  const neighbour = (day: string | undefined) => (day ? { title: editionTitle(day, config), url: linkTo(config, editionPath(day)) } : null);
  return completePage(
    {
      kind: 'edition',
      path,
      title: view.title,
      description: say(config, 'edition_description', { site: config.title, edition: view.title }),
      lastmod: place.lastmod,
      feeds: feeds.editions,
      data: {
        edition: view,
        olderEdition: neighbour(place.older),
        newerEdition: neighbour(place.newer),
        email: { htmlUrl: linkTo(config, emailPaths(edition.day).html), textUrl: linkTo(config, emailPaths(edition.day).text) },
      },
    },
    feeds.site,
  );
}
