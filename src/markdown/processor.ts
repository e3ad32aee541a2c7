// Markdown to HTML with one frozen unified processor (remark-parse + remark-gfm + remark-html),
// built once and reused for every story. Between parsing and remark-html, the story's HTML tree is
// made here: raw HTML parsed, embeds placed, headings given ids, code highlighted, images marked;
// remark-html then sanitizes it with the allow-list (schema.ts) and writes it. Links are resolved
// per use: root-relative links gain the site's base path on pages; in feeds every address becomes
// absolute and an embed becomes a link. Images of files are only marked here: the images stage
// (src/images/) finds the files and fills in their addresses and sizes, so that this stage never
// reads the disk.

import type { Element, Root as HtmlRoot } from 'hast';
import type { Root } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { CONTINUE, SKIP, visit } from 'unist-util-visit';
import { EMBED_PROVIDER_NAMES } from '../config-settings.js';
import type { Config } from '../config-types.js';
import type { StoryBody } from '../content/body.js';
import { GazetteError } from '../errors.js';
import { feedUrlResolver, isSafeUrl, isWebImageAddress, pageUrlResolver, type ResolveUrl } from '../urls/links.js';
import { type BodyImage, type BodyLink, markImages, markLinks, treeAddresses } from './addresses.js';
import { type Highlighter, highlightCode } from './code.js';
import { embedsAsLinks, placeEmbeds } from './embeds.js';
import { addHeadingAnchors, addHeadingIds, reportMissingAnchors } from './headings.js';
import type { MarkdownNotice } from './notices.js';
import { htmlTreeOf, reportUnsafeHtml } from './raw-html.js';
import { SANITIZE_SCHEMA } from './schema.js';
import { findTemplateTags } from './template-tags.js';

/** A story without a `summary` is summed up by its first paragraph, cut on a word near this length. */
export const SUMMARY_LENGTH = 280;

export interface MarkdownOptions {
  /** Keep raw HTML written in stories as is, for fully trusted authors. Off by default: raw HTML goes through the allow-list. */
  rawHtml: boolean;
  /** The embed providers (and hosts) an iframe may come from (see embeds.ts); every provider unless given. */
  embeds?: readonly string[];
  /** What highlights code, once loaded (see code.ts); until then, or without it, code stays plain. */
  highlighter?: () => Highlighter | undefined;
  /** What the heading anchor link says to screen readers: the theme's word `heading_anchor`, in the site's language. */
  anchorLabel: string;
}

export interface RenderedMarkdown {
  html: string;
  /** The HTML again with links resolved for feeds, when a feed resolver was given. */
  feedHtml: string | undefined;
  /** The first paragraph as plain text, cut on a word near SUMMARY_LENGTH: a story's summary when it gives none. */
  summary: string;
  /** Raw HTML removed, embeds refused, template tags, in-page links to nowhere: one notice each, in the body's order. */
  notices: MarkdownNotice[];
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

export type { BodyImage, BodyLink } from './addresses.js';
export { isMarkdownFile } from './addresses.js';

/** The attribute that marks a link to another story's Markdown file in rendered HTML: `<a href="…" data-gazette-link="0">` (see render/body-links.ts). */
export const LINK_MARK = 'data-gazette-link';

/** The attribute that marks an image of a file in rendered HTML: `<img … data-gazette-image="0">` (see render/body-images.ts). */
export const IMAGE_MARK = 'data-gazette-image';

export interface MarkdownRenderer {
  /** Parse once; resolve links with `resolveUrl` for the page and `feedUrl` (if given) for feeds. */
  render(markdown: string, resolveUrl: ResolveUrl, feedUrl?: ResolveUrl): RenderedMarkdown;
}

/** The HTML tree of a story, handed to remark-html in place of the one it would make from the Markdown. */
type TreeCarrier = Root & { data: { html: HtmlRoot } };

export function createMarkdownRenderer(options: MarkdownOptions): MarkdownRenderer {
  // remark-html writes the tree this module made (its root handler hands it over), through the
  // sanitizer unless every author is trusted.
  const handlers = { root: (_state: unknown, node: TreeCarrier) => node.data.html as unknown as Element };
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkHtml, { handlers, sanitize: options.rawHtml ? false : SANITIZE_SCHEMA })
    .freeze();
  const write = (html: HtmlRoot) => String(processor.stringify({ type: 'root', children: [], data: { html } } as TreeCarrier)).trim();

  return {
    render(markdown, resolveUrl, feedUrl) {
      const tree = processor.parse(markdown);
      const droppedUrl = removeUnsafeUrls(tree);
      const notices = findTemplateTags(tree);
      const html = htmlTreeOf(tree, markdown);
      const { embeds, notices: refused } = options.rawHtml ? { embeds: [], notices: [] } : placeEmbeds(html, options.embeds ?? EMBED_PROVIDER_NAMES);
      notices.push(...refused);
      if (!options.rawHtml) notices.push(...reportUnsafeHtml(html));
      const highlighter = options.highlighter?.();
      if (highlighter) highlightCode(html, highlighter);
      notices.push(...reportMissingAnchors(html, addHeadingIds(html)));
      const images = markImages(html, 'dataGazetteImage');
      const links = markLinks(html, 'dataGazetteLink');
      const resolveAll = treeAddresses(html);
      resolveAll(resolveUrl);
      const removeAnchors = addHeadingAnchors(html, options.anchorLabel);
      const pageHtml = write(html);
      let feedHtml: string | undefined;
      if (feedUrl) {
        removeAnchors();
        embedsAsLinks(embeds);
        resolveAll(feedUrl);
        feedHtml = write(html);
      }
      notices.sort((a, b) => a.line - b.line || a.column - b.column);
      return {
        html: pageHtml,
        feedHtml,
        summary: cutOnWord(firstParagraph(tree), SUMMARY_LENGTH),
        notices,
        droppedUrl,
        images,
        links,
        words: countWords(textOf(tree, { includeHtml: false })),
      };
    },
  };
}

/**
 * Links, images and definitions with a script URL, and pictures not on the web, are removed from
 * the Markdown before anything else reads it (an unsafe link keeps its text), whatever the raw-HTML
 * switch says: no sanitizer stands behind this when raw HTML is trusted.
 */
function removeUnsafeUrls(tree: Root): Removed | null {
  let droppedUrl: Removed | null = null;
  const definitions = definitionUrls(tree);
  visit(tree, (node, index, parent) => {
    if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition' && node.type !== 'imageReference') return CONTINUE;
    const url = node.type === 'imageReference' ? (definitions.get(node.identifier.toUpperCase()) ?? '') : node.url;
    const picture = node.type === 'image' || node.type === 'imageReference';
    if (isSafeUrl(url) && (!picture || isWebImageAddress(url))) return CONTINUE;
    if (parent === undefined || index === undefined) return CONTINUE;
    droppedUrl = removedAt(node, droppedUrl);
    parent.children.splice(index, 1, ...(node.type === 'link' ? node.children : []));
    return [SKIP, index];
  });
  return droppedUrl;
}

/** One more removed, counted with those before it, or the first, at the node's place. */
function removedAt(node: { position?: { start: { line: number; column: number } } }, before: Removed | null): Removed {
  if (before) return { ...before, count: before.count + 1 };
  const start = node.position?.start;
  return { line: start?.line ?? 1, column: start?.column ?? 1, count: 1 };
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
  try {
    return markdown.render(story.body.text(), pageUrlResolver(site), feedUrlResolver(site, story.permalink));
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
