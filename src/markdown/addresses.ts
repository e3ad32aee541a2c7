// The addresses in a story's HTML tree, Markdown's and raw HTML's alike: each image listed (and an
// image of a file marked for the images stage), and every link, picture and quotation source
// resolved once for the page and once for the feeds, where every address must be absolute.

import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { imageKind, isWebImageAddress, type ResolveUrl } from '../urls/links.js';

/** An image in a story's Markdown or its raw HTML, as written. */
export interface BodyImage {
  url: string;
  /** Where it is written, in lines and columns of the body. */
  line: number;
  column: number;
  hasAlt: boolean;
}

/** The attributes that hold an address, by element. */
const ADDRESSES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  img: ['src'],
  source: ['srcSet'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite'],
  ins: ['cite'],
};

/** Lists every image in order and marks those of files (relative or root-relative paths); an image mark an author wrote is removed first. */
export function markImages(tree: Root, mark: string): BodyImage[] {
  const images: BodyImage[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    delete node.properties[mark];
    const url = node.properties.src;
    if (typeof url !== 'string' || !isWebImageAddress(url)) return;
    const start = node.position?.start;
    if (imageKind(url) !== 'remote') node.properties[mark] = String(images.length);
    const alt = node.properties.alt;
    images.push({ url, line: start?.line ?? 1, column: start?.column ?? 1, hasAlt: typeof alt === 'string' && alt.trim() !== '' });
  });
  return images;
}

/**
 * List every link to a path or a web address (the link check finds those to the site), and mark
 * those to a Markdown file: where they lead depends on the other stories, so it is filled in after
 * this stage (render/body-links.ts) and the HTML kept for this story stays true when another story
 * moves. A mark an author wrote is removed first.
 */
export function markLinks(tree: Root, mark: string): BodyLink[] {
  const links: BodyLink[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'a') return;
    delete node.properties[mark];
    const url = node.properties.href;
    if (typeof url !== 'string' || (imageKind(url) === 'remote' && !/^(https?:)?\/\//i.test(url))) return;
    const start = node.position?.start;
    if (isMarkdownFile(url)) node.properties[mark] = String(links.length);
    links.push({ url, line: start?.line ?? 1, column: start?.column ?? 1 });
  });
  return links;
}

/** Whether a link names a Markdown file (`../2020/10/01/other.md#x`): another story's, to be linked to its page. */
export function isMarkdownFile(url: string): boolean {
  return /\.(md|markdown)$/i.test(url.replace(/[?#].*$/s, ''));
}

/** A link in a story's Markdown to a path (`report.pdf`, `../other.md#x`, `/about/`) or a web address, as written. */
export interface BodyLink {
  url: string;
  /** Where it is written, in lines and columns of the body. */
  line: number;
  column: number;
}

/** Every address of the tree, as written; `resolve` writes them all for a page or a feed. */
export function treeAddresses(tree: Root): (resolve: ResolveUrl) => void {
  const found: { node: Element; property: string; value: string }[] = [];
  visit(tree, 'element', (node: Element) => {
    for (const property of ADDRESSES[node.tagName] ?? []) {
      const value = node.properties[property];
      if (typeof value === 'string') found.push({ node, property, value });
    }
  });
  return (resolve) => {
    for (const { node, property, value } of found) node.properties[property] = property === 'srcSet' ? resolveEach(value, resolve) : resolve(value);
  };
}

/** A `srcset`'s addresses resolved, their widths or densities kept. */
function resolveEach(srcset: string, resolve: ResolveUrl): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const [url = '', ...size] = candidate.trim().split(/\s+/);
      return [resolve(url), ...size].join(' ');
    })
    .join(', ');
}
