// Markdown to HTML with one frozen unified processor (remark-parse + remark-gfm + remark-html),
// built once and reused for every story. Links are resolved per use: root-relative links gain the
// site's base path on pages; in feeds every link and image becomes absolute. Images of files (next
// to the story, or in static/) are only marked here: the images stage (src/images/) finds the files
// and fills in their addresses and sizes, so that this stage never reads the disk.

import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Nodes as Node, Root } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import type { Config } from '../config.js';
import type { StoryBody } from '../content/body.js';
import { copyWith } from '../copy-with.js';
import { GazetteError } from '../errors.js';
import { absoluteUrl, feedUrlResolver, imageKind, isSafeUrl, isWebImageAddress, pageUrlResolver, type ResolveUrl } from '../urls/links.js';

/** A story without a `summary` is summed up by its first paragraph, cut on a word near this length. */
export const SUMMARY_LENGTH = 280;

export interface MarkdownOptions {
  /** Keep raw HTML written in stories as is. Off by default: raw HTML is removed. */
  rawHtml: boolean;
}

export interface RenderedMarkdown {
  html: string;
  /** The HTML again with links resolved for feeds, when a feed resolver was given. */
  feedHtml: string | undefined;
  /** The first paragraph as plain text, cut on a word near SUMMARY_LENGTH: a story's summary when it gives none. */
  summary: string;
  /** Raw HTML found and removed (only when rawHtml is off), or null. */
  droppedHtml: Removed | null;
  /** Links and images with a script-bearing URL, removed, or null. */
  droppedUrl: Removed | null;
  /** Every image of the body, in order; an image of a file is marked in the HTML with its index. */
  images: BodyImage[];
  /** Every link of the body to a path or a web address, in order; a link to a Markdown file is marked in the HTML with its index. */
  links: BodyLink[];
  /** The words of the body's text, for its reading time. */
  words: number;
}

/** What was removed from a story's Markdown: where the first one is, in lines and columns of the body, and how many. */
export interface Removed {
  line: number;
  column: number;
  count: number;
}

/** An image in a story's Markdown, as written. */
export interface BodyImage {
  url: string;
  /** Where it is written, in lines and columns of the body. */
  line: number;
  column: number;
  hasAlt: boolean;
}

/** A link in a story's Markdown to a path (`report.pdf`, `../other.md#x`, `/about/`) or a web address, as written. */
export interface BodyLink {
  url: string;
  /** Where it is written, in lines and columns of the body. */
  line: number;
  column: number;
}

/** The attribute that marks a link to another story's Markdown file in rendered HTML: `<a href="…" data-gazette-link="0">` (see render/body-links.ts). */
export const LINK_MARK = 'data-gazette-link';

/** The attribute that marks an image of a file in rendered HTML: `<img … data-gazette-image="0">` (see render/body-images.ts). */
export const IMAGE_MARK = 'data-gazette-image';

export interface MarkdownRenderer {
  /** Parse once; resolve links with `resolveUrl` for the page and `feedUrl` (if given) for feeds. */
  render(markdown: string, resolveUrl: ResolveUrl, feedUrl?: ResolveUrl): RenderedMarkdown;
}

// GitHub's schema, without a second "user-content-" prefix on ids: with raw HTML removed, the only
// ids are the footnotes', which mdast-util-to-hast has already prefixed (their links expect one).
// The image mark is kept; raw HTML, where an author could forge one, is removed before it is read.
const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), 'dataGazetteImage'],
    a: [...(defaultSchema.attributes?.a ?? []), 'dataGazetteLink'],
  },
};

export function createMarkdownRenderer(options: MarkdownOptions): MarkdownRenderer {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkHtml, options.rawHtml ? { sanitize: false, allowDangerousHtml: true } : { sanitize: SANITIZE_SCHEMA })
    .freeze();

  return {
    render(markdown, resolveUrl, feedUrl) {
      const tree = processor.parse(markdown);
      let droppedHtml: Removed | null = null;
      let droppedUrl: Removed | null = null;
      const linked: { node: { url: string }; url: string }[] = [];
      const definitions = definitionUrls(tree);
      visit(tree, (node, index, parent) => {
        if (node.type === 'html' && !options.rawHtml) droppedHtml = removedAt(node, droppedHtml);
        if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition' && node.type !== 'imageReference') return CONTINUE;
        const url = node.type === 'imageReference' ? (definitions.get(node.identifier.toUpperCase()) ?? '') : node.url;
        const picture = node.type === 'image' || node.type === 'imageReference';
        if (isSafeUrl(url) && (!picture || isWebImageAddress(url))) {
          if (node.type !== 'imageReference') linked.push({ node, url });
          return CONTINUE;
        }
        // An unsafe link keeps its text; an unsafe image or definition goes, as does a picture not on the web.
        if (parent === undefined || index === undefined) return CONTINUE;
        droppedUrl = removedAt(node, droppedUrl);
        parent.children.splice(index, 1, ...(node.type === 'link' ? node.children : []));
        return [SKIP, index];
      });
      const images = markImages(tree, definitions);
      const links = markLinks(tree, definitions);
      // Turning the tree into HTML leaves it as it was, so one parse serves the page and the feeds.
      const toHtml = (resolve: ResolveUrl) => {
        for (const { node, url } of linked) node.url = resolve(url);
        return String(processor.stringify(processor.runSync(tree) as Root)).trim();
      };
      return {
        html: toHtml(resolveUrl),
        feedHtml: feedUrl ? toHtml(feedUrl) : undefined,
        summary: cutOnWord(firstParagraph(tree), SUMMARY_LENGTH),
        droppedHtml,
        droppedUrl,
        images,
        links,
        words: countWords(textOf(tree, { includeHtml: false })),
      };
    },
  };
}

/** One more removed, counted with those before it, or the first, at the node's place. */
function removedAt(node: Node, before: Removed | null): Removed {
  if (before) return { ...before, count: before.count + 1 };
  const start = node.position?.start;
  return { line: start?.line ?? 1, column: start?.column ?? 1, count: 1 };
}

/** List every image, and mark those of files (relative or root-relative paths) for the images stage. */
function markImages(tree: Root, definitions: ReadonlyMap<string, string>): BodyImage[] {
  const images: BodyImage[] = [];
  visit(tree, (node) => {
    if (node.type !== 'image' && node.type !== 'imageReference') return;
    const url = node.type === 'image' ? node.url : definitions.get(node.identifier.toUpperCase());
    if (url === undefined) return;
    const start = node.position?.start;
    if (imageKind(url) !== 'remote') {
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataGazetteImage: String(images.length) } };
    }
    images.push({ url, line: start?.line ?? 1, column: start?.column ?? 1, hasAlt: (node.alt ?? '').trim() !== '' });
  });
  return images;
}

/**
 * List every link to a path or a web address (the link check finds those to the site), and mark those to a Markdown file: where they
 * lead depends on the other stories, so it is filled in after this stage (render/body-links.ts)
 * and the HTML kept for this story stays true when another story moves.
 */
function markLinks(tree: Root, definitions: ReadonlyMap<string, string>): BodyLink[] {
  const links: BodyLink[] = [];
  visit(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'linkReference') return;
    const url = node.type === 'link' ? node.url : definitions.get(node.identifier.toUpperCase());
    if (url === undefined || (imageKind(url) === 'remote' && !/^(https?:)?\/\//i.test(url))) return;
    const start = node.position?.start;
    if (isMarkdownFile(url)) {
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataGazetteLink: String(links.length) } };
    }
    links.push({ url, line: start?.line ?? 1, column: start?.column ?? 1 });
  });
  return links;
}

/** Whether a link names a Markdown file (`../2020/10/01/other.md#x`): another story's, to be linked to its page. */
export function isMarkdownFile(url: string): boolean {
  return /\.(md|markdown)$/i.test(url.replace(/[?#].*$/s, ''));
}

/** The URL of every link definition (`[chart]: chart.png`), by its identifier. */
function definitionUrls(tree: Root): Map<string, string> {
  const definitions = new Map<string, string>();
  visit(tree, 'definition', (node) => {
    definitions.set(node.identifier.toUpperCase(), node.url);
  });
  return definitions;
}

/** What rendering a story's Markdown needs of it (its file and line, to place a problem) and of the site. */
export type StoryText = { body: StoryBody; permalink: string; file?: string; bodyLine?: number };
type Site = Pick<Config, 'baseUrl' | 'basePath'>;

/** A story's Markdown rendered for its page and for feeds, where every link must be absolute. */
export function renderStoryMarkdown(markdown: MarkdownRenderer, story: StoryText, site: Site): RenderedMarkdown {
  let rendered: RenderedMarkdown;
  try {
    rendered = markdown.render(story.body.text(), pageUrlResolver(site), feedUrlResolver(site, story.permalink));
  } catch (error) {
    // The nesting check of content/nesting.ts should have refused such a story; this is the last guard.
    if (!(error instanceof RangeError)) throw error;
    throw new GazetteError({
      code: 'markdown-too-deep',
      file: story.file,
      line: story.bodyLine,
      message: 'the Markdown is nested too deeply to render',
      hint: 'remove the extra ">", list markers, "*" or "["',
      cause: error,
    });
  }
  // Footnote links come from footnote nodes, not link nodes, so the resolver never sees them.
  const storyUrl = absoluteUrl(site, story.permalink);
  // A function as the replacement: a "$&" in the base URL must stay as it is.
  return copyWith(rendered, { feedHtml: rendered.feedHtml?.replaceAll('href="#', () => `href="${storyUrl}#`) });
}

function firstParagraph(tree: Root): string {
  const paragraph = tree.children.find((node) => node.type === 'paragraph');
  return paragraph ? textOf(paragraph, { includeHtml: false }).replace(/\s+/g, ' ').trim() : '';
}

/** Words as a reader counts them: runs of letters, marks and digits (with their inner apostrophes and hyphens). */
function countWords(text: string): number {
  return text.match(/[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu)?.length ?? 0;
}

/** Cut plain text to at most `limit` characters, on a word boundary, with an ellipsis. */
const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function cutOnWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // Cut between whole characters (graphemes), never inside an emoji or a combined letter.
  const graphemes = [...GRAPHEMES.segment(text.slice(0, limit + 16))].map((part) => part.segment);
  let cut = '';
  for (const grapheme of graphemes) {
    if (cut.length + grapheme.length > limit - 1) break;
    cut += grapheme;
  }
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?–—-]+$/, '')}…`;
}
