// The front page's days and the archive's months: stories grouped as readers browse them.

import type { Config } from '../config-types.js';
import type { Site, Story } from '../model/types.js';
import type { StoryCardView } from '../render/view-types.js';
import { editionTitle, editionView, monthTitle } from '../render/views.js';
import { linkTo } from '../urls/links.js';
import { editionPath } from '../urls/paths.js';

export function groupCardsByDay(stories: readonly Story[], config: Config, card: (story: Story) => StoryCardView) {
  const days: { day: string; stories: Story[] }[] = [];
  for (const story of stories) {
    const last = days.at(-1);
    if (last?.day === story.day) last.stories.push(story);
    else days.push({ day: story.day, stories: [story] });
  }
  return days.map((edition) => editionView(edition, edition.stories.map(card), config));
}

export function archiveMonths(site: Site, config: Config) {
  const months: { key: string; title: string; editions: { title: string; url: string; count: number }[] }[] = [];
  for (const edition of site.editions) {
    const key = edition.day.slice(0, 7);
    const title = monthTitle(key, config);
    let month = months.at(-1);
    if (month?.key !== key) {
      month = { key, title, editions: [] };
      months.push(month);
    }
    month.editions.push({ title: editionTitle(edition.day, config), url: linkTo(config, editionPath(edition.day)), count: edition.stories.length });
  }
  return months.map(({ title, editions }) => ({ title, editions }));
}
