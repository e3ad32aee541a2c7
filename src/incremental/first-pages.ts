// The dev loop's first pages: when a save changes only the text of stories (their front-matter as
// the last build read it), their own pages are made at once from the last build's site (their
// neighbours, related stories and edition are the same), byte for byte the pages the rebuild then
// makes, and written before it.

import type { BuiltSite } from '../build.js';
import type { Config } from '../config-types.js';
import { loadStory } from '../content/load.js';
import { sameFrontMatter } from '../content/story-source.js';
import { copyWith } from '../copy-with.js';
import type { RenderedMarkdown } from '../markdown/processor.js';
import { type MarkdownWorkers, markdownKey } from '../markdown/stage.js';
import type { StoryHtml, StoryMarkdown } from '../markdown/store.js';
import type { OutputFile } from '../output/files.js';
import { storyCards } from '../pages/cards.js';
import { storyPage } from '../pages/story-page.js';
import { pageBody } from '../render/bodies.js';
import { renderPage } from '../render/page-text.js';
import { pageContext, pageKey } from '../render/theme.js';

/** Keeps Markdown rendered for a first page, for the rebuild that follows to find. */
export type KeepMarkdown = (hash: string, rendered: RenderedMarkdown, render: () => StoryHtml) => StoryMarkdown;

/**
 * The pages of stories edited in their text only, keyed as a build keys them; undefined when any
 * change is of another kind (a new story, front-matter, a template, a problem to report, a picture
 * added or removed).
 */
export async function editedStoryPages(
  last: BuiltSite,
  changed: ReadonlySet<string>,
  config: Config,
  workers: MarkdownWorkers,
  keep: KeepMarkdown,
  signal?: AbortSignal,
): Promise<OutputFile[] | undefined> {
  const card = storyCards((story) => last.bodies.pages.get(story) ?? { html: '', summary: '' }, config);
  const storyOf = new Map(last.site.stories.map((story) => [story.source, story]));
  const pages: OutputFile[] = [];
  for (const file of changed) {
    const before = last.content.results.get(file)?.story;
    const story = before && storyOf.get(before);
    if (before === undefined || story === undefined) return undefined;
    const read = await loadStory(config.root, file, config.timeZone);
    if (read.story === undefined || read.problems.length > 0 || read.warnings.length > 0 || !sameFrontMatter(before, read.story)) return undefined;
    const edited = copyWith(story, { source: read.story, body: read.story.body, bodyLine: read.story.bodyLine });
    let rendered: RenderedMarkdown | undefined;
    const problems = await workers.pool.renderEach([edited], (_, made) => (rendered = made), { threads: 1, signal });
    const images = last.pictures.images.get(story);
    if (rendered === undefined || problems.length > 0 || images === undefined || rendered.notices.length > 0 || rendered.droppedUrl) return undefined;
    if (JSON.stringify(rendered.images) !== JSON.stringify(last.markdown.of(story).images)) return undefined;
    const targets = last.bodies.linkTargets.get(story);
    if (targets === undefined || JSON.stringify(rendered.links) !== JSON.stringify(last.markdown.of(story).links)) return undefined;
    const markdown = keep(markdownKey(edited, config), rendered, () => {
      const again = workers.again.render(edited);
      return { html: again.html, feedHtml: again.feedHtml ?? '' };
    });
    const page = storyPage(edited, pageBody(edited, markdown, images, targets, config), card, config);
    const context = pageContext(page, config);
    pages.push({ path: page.file, key: pageKey(last.theme, context), contents: renderPage(page, context, last.theme.renderer, config.language) });
  }
  return pages;
}
