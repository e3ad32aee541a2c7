// Each story's body as its page, its cards and the feeds show it: the Markdown's HTML with its
// pictures and its links to other stories in place (linked from the page, or absolute in feeds),
// its summary and its cover; and a warning for what the Markdown stage removed, at the first
// removed element's line, and for each link to a story that is not published.

import type { Config } from '../config-types.js';
import { GazetteError } from '../errors.js';
import type { StoryImages } from '../images/publish.js';
import type { PublishedImage } from '../images/published.js';
import { keyOfJson } from '../keys.js';
import { LazyHtml } from '../markdown/lazy-html.js';
import type { MarkdownNotice } from '../markdown/notices.js';
import type { Removed } from '../markdown/processor.js';
import { isMarkdownFile } from '../markdown/processor.js';
import type { StoryMarkdown } from '../markdown/store.js';
import type { Story } from '../model/types.js';
import { absoluteImageUrl, absoluteUrl, linkTo, linkToImage } from '../urls/links.js';
import { placeBodyImages } from './body-images.js';
import { type LinkTargets, placeBodyLinks, storyLinkTargets } from './body-links.js';
import type { RenderedBody } from './view-types.js';

export interface StoryBodies {
  /** As its page and its cards show each story. */
  pages: Map<Story, RenderedBody>;
  /** Each story's HTML as feeds show it, every link absolute. */
  feeds: Map<Story, LazyHtml>;
  /** Names what was filled into each story's HTML: its published pictures and where its links to other stories lead. */
  filledKeys: Map<Story, string>;
  /** Where each story's links to other stories' Markdown files lead, by the link's index. */
  linkTargets: Map<Story, LinkTargets>;
  warnings: GazetteError[];
}

export function storyBodies(
  stories: readonly Story[],
  markdownOf: (story: Story) => StoryMarkdown,
  images: ReadonlyMap<Story, StoryImages>,
  config: Config,
  linked: { sitePathOf: ReadonlyMap<string, string>; unpublished: ReadonlySet<string> } = { sitePathOf: new Map(), unpublished: new Set() },
): StoryBodies {
  const bodies: StoryBodies = { pages: new Map(), feeds: new Map(), filledKeys: new Map(), linkTargets: new Map(), warnings: [] };
  for (const story of stories) {
    const rendered = markdownOf(story);
    const storyImages = images.get(story) as StoryImages;
    const links = storyLinkTargets(story, rendered.links, linked.sitePathOf, linked.unpublished);
    bodies.warnings.push(...links.warnings);
    bodies.linkTargets.set(story, links.targets);
    const filledKey = keyOfJson([storyImages, links.targets]);
    bodies.filledKeys.set(story, filledKey);
    bodies.feeds.set(
      story,
      filled(rendered.feedHtml, storyImages.body, links.targets, hasStoryLinks(rendered), filledKey, {
        image: (src) => absoluteImageUrl(config, src),
        page: (sitePath) => absoluteUrl(config, sitePath),
      }),
    );
    for (const notice of rendered.notices) bodies.warnings.push(noticeWarning(story, notice));
    if (rendered.droppedUrl) bodies.warnings.push(droppedUrlWarning(story, rendered.droppedUrl));
    bodies.pages.set(story, pageBody(story, rendered, storyImages, links.targets, config, filledKey));
  }
  return bodies;
}

/** A story's HTML for its page (body images and links to stories in place), its summary and its cover. */
export function pageBody(
  story: Story,
  rendered: StoryMarkdown,
  images: StoryImages,
  targets: LinkTargets,
  config: Config,
  filledKey = keyOfJson([images, targets]),
): RenderedBody {
  const html = filled(rendered.html, images.body, targets, hasStoryLinks(rendered), filledKey, {
    image: (src) => linkToImage(config, src),
    page: (sitePath) => linkTo(config, sitePath),
  });
  return { html, summary: story.summary ?? rendered.summary, lead: rendered.summary, words: rendered.words, image: images.cover };
}

/** A story's HTML with its body images (see body-images.ts) and links to stories (body-links.ts) filled in, named by both. */
function filled(
  html: LazyHtml,
  images: readonly (PublishedImage | undefined)[],
  targets: LinkTargets,
  hasStoryLinks: boolean,
  filledKey: string,
  link: { image: (src: string) => string; page: (sitePath: string) => string },
): LazyHtml {
  const hasImages = images.some((image) => image !== undefined);
  // A link to a story that is not published keeps its mark until it is taken out here.
  if (!hasImages && !hasStoryLinks) return html;
  return new LazyHtml(`${html.hash}:${filledKey}`, () => {
    const withImages = hasImages ? placeBodyImages(html.text, images, link.image) : html.text;
    return placeBodyLinks(withImages, targets, link.page);
  });
}

function hasStoryLinks(rendered: StoryMarkdown): boolean {
  return rendered.links.some((link) => isMarkdownFile(link.url));
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
