// `gazette edition YYYY-MM-DD`: one day's email edition, made from the content without building
// the site. The same stages as a build, cut to the day: every story is read (the site graph decides
// days and URLs), only the day's Markdown is rendered, and its two email pages are rendered as the
// build renders them, so that the result is byte for byte the build's email.html and email.txt.

import { DateTime } from 'luxon';
import type { Config } from './config-types.js';
import { loadStories } from './content/load.js';
import { publishingChecks } from './content/read.js';
import { loadTheme, themeLayers } from './content/theme.js';
import { failIfAny, GazetteError } from './errors.js';
import { createImagePublisher } from './images/publish.js';
import { memoryImageStore } from './images/store.js';
import { createMarkdownPool } from './markdown/pool.js';
import type { RenderedMarkdown } from './markdown/processor.js';
import { buildSiteGraph } from './model/site.js';
import type { Edition, Story } from './model/types.js';
import { emailPages } from './pages/email-pages.js';
import { renderPage } from './render/page-text.js';
import { pageContext, siteTheme } from './render/theme.js';

export interface EmailEdition {
  day: string;
  html: string;
  text: string;
  warnings: GazetteError[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isDay(day: string): boolean {
  return DAY.test(day) && DateTime.fromISO(day, { zone: 'utc' }).isValid;
}

export async function renderEmailEdition(config: Config, day: string): Promise<EmailEdition> {
  const [content, themeFiles] = await Promise.all([loadStories(config), loadTheme(config.root, themeLayers(config), config.staticDir, config.templatesNamed)]);
  const checked = publishingChecks(content.warnings, config);
  failIfAny([...content.problems, ...checked.problems]);
  const site = buildSiteGraph(content.stories, config);
  const edition = site.editions.find((candidate) => candidate.day === day);
  if (edition === undefined) throw noEdition(day, site.editions);

  // As in a build: the summary, else the first paragraph of the Markdown, cut on a word; the
  // pictures at the addresses the build publishes them at (measured, not copied).
  const rendered = new Map<Story, RenderedMarkdown>();
  const markdown = createMarkdownPool(config);
  try {
    failIfAny(await markdown.renderEach(edition.stories, (index, made) => rendered.set(edition.stories[index] as Story, made)));
  } finally {
    await markdown.close();
  }
  const staticFiles = new Map(themeFiles.staticFiles.map((file) => [file.to, file.from]));
  const published = await createImagePublisher(config, { makeCopies: false }).publish(
    edition.stories.map((story) => ({ story, body: rendered.get(story)?.images ?? [] })),
    staticFiles,
    memoryImageStore(),
    undefined,
  );
  failIfAny(published.problems);
  const bodies = new Map(
    edition.stories.map((story) => [
      story,
      {
        summary: story.summary ?? rendered.get(story)?.summary ?? '',
        image: published.images.get(story)?.cover,
      },
    ]),
  );

  const theme = siteTheme(themeFiles, site, config).renderer;
  const [html, text] = emailPages(edition, (story) => bodies.get(story) ?? { summary: '', image: undefined }, config).map((page) =>
    renderPage(page, pageContext(page, config), theme, config.language),
  );
  return { day, html: html ?? '', text: text ?? '', warnings: [...checked.warnings, ...published.warnings] };
}

/** No story that day: say which days have editions, the nearest before and after. */
function noEdition(day: string, editions: readonly Edition[]): GazetteError {
  const before = editions.find((edition) => edition.day < day)?.day;
  const after = editions.findLast((edition) => edition.day > day)?.day;
  const nearest = [before, after].filter((found) => found !== undefined);
  return new GazetteError({
    code: 'edition-missing',
    message: `there is no edition on ${day}: no story is published that day`,
    hint:
      nearest.length > 0
        ? `the nearest edition${nearest.length === 1 ? ' is' : 's are'} ${nearest.join(' and ')}`
        : 'there are no published stories (drafts need --drafts, stories dated after now --future)',
  });
}
