// Each story's body as its page, its cards and the feeds show it: the Markdown's HTML with its
// pictures in place (linked from the page, or absolute in feeds), its summary and its cover; and
// a warning for what the Markdown stage removed, at the first removed element's line.

import type { Config } from '../config.js';
import { GazetteError } from '../errors.js';
import type { PublishedImage, StoryImages } from '../images/publish.js';
import { keyOfJson } from '../keys.js';
import { LazyHtml } from '../markdown/lazy-html.js';
import type { MarkdownNotice } from '../markdown/notices.js';
import type { Removed } from '../markdown/processor.js';
import type { StoryMarkdown } from '../markdown/store.js';
import type { Story } from '../model/types.js';
import { absoluteImageUrl, linkToImage } from '../urls/links.js';
import { placeBodyImages } from './body-images.js';
import type { RenderedBody } from './view-types.js';

export interface StoryBodies {
  /** As its page and its cards show each story. */
  pages: Map<Story, RenderedBody>;
  /** Each story's HTML as feeds show it, every link absolute. */
  feeds: Map<Story, LazyHtml>;
  /** Names each story's published pictures. */
  imagesKeys: Map<Story, string>;
  warnings: GazetteError[];
}

export function storyBodies(
  stories: readonly Story[],
  markdownOf: (story: Story) => StoryMarkdown,
  images: ReadonlyMap<Story, StoryImages>,
  config: Config,
): StoryBodies {
  const bodies: StoryBodies = { pages: new Map(), feeds: new Map(), imagesKeys: new Map(), warnings: [] };
  for (const story of stories) {
    const rendered = markdownOf(story);
    const storyImages = images.get(story) as StoryImages;
    const imagesKey = keyOfJson(storyImages);
    bodies.imagesKeys.set(story, imagesKey);
    bodies.feeds.set(
      story,
      withImages(rendered.feedHtml, storyImages.body, imagesKey, (src) => absoluteImageUrl(config, src)),
    );
    for (const notice of rendered.notices) bodies.warnings.push(noticeWarning(story, notice));
    if (rendered.droppedUrl) bodies.warnings.push(droppedUrlWarning(story, rendered.droppedUrl));
    bodies.pages.set(story, pageBody(story, rendered, storyImages, config, imagesKey));
  }
  return bodies;
}

/** A story's HTML for its page (body images in place), its summary and its cover. */
export function pageBody(story: Story, rendered: StoryMarkdown, images: StoryImages, config: Config, imagesKey = keyOfJson(images)): RenderedBody {
  const html = withImages(rendered.html, images.body, imagesKey, (src) => linkToImage(config, src));
  return { html, summary: story.summary ?? rendered.summary, image: images.cover };
}

/** A story's HTML with its body images filled in (see body-images.ts), named by both. */
function withImages(html: LazyHtml, images: readonly (PublishedImage | undefined)[], imagesKey: string, link: (src: string) => string): LazyHtml {
  if (!images.some((image) => image !== undefined)) return html;
  return new LazyHtml(`${html.hash}:${imagesKey}`, () => placeBodyImages(html.text, images, link));
}

/** What an author can do about each kind of notice. */
const NOTICE_HINTS: Readonly<Record<MarkdownNotice['code'], string>> = {
  'html-removed':
    'only HTML on the allow-list is published (see the README\'s "Raw HTML, embeds, headings and code"); set "markdown: { rawHtml: true }" only if every author is trusted',
  'embed-refused': 'embed from a provider of markdown.embeds, or add the host there if you trust it',
  'template-tag': 'write it in Markdown: an image with a caption, a link, a fenced code block (see the README\'s "Raw HTML, embeds, headings and code")',
  'anchor-missing': 'link to a heading\'s id (its text in lower case, spaces as "-"), or give the element that id',
};

function noticeWarning(story: Story, notice: MarkdownNotice): GazetteError {
  return new GazetteError({
    code: notice.code,
    file: story.file,
    line: story.bodyLine + notice.line - 1,
    column: notice.column,
    message: notice.message,
    hint: NOTICE_HINTS[notice.code],
  });
}

function droppedUrlWarning(story: Story, removed: Removed): GazetteError {
  return new GazetteError({
    code: 'url-unsafe',
    file: story.file,
    ...placeInFile(story, removed),
    message: `a link or image to a javascript:, vbscript: or data: URL, or an image at a file: or other address not on the web, was removed${elsewhere(removed)}`,
    hint: 'link to an http(s) address or a path on the site',
  });
}

/** The first removed element's line and column in the story's file, where the body starts at `bodyLine`. */
function placeInFile(story: Story, removed: Removed): { line: number; column: number } {
  return { line: story.bodyLine + removed.line - 1, column: removed.column };
}

function elsewhere(removed: Removed): string {
  const others = removed.count - 1;
  return others === 0 ? '' : ` (here and in ${others} more place${others === 1 ? '' : 's'})`;
}
