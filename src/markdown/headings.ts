// Heading ids and in-page links: every heading gets an id by GitHub's slug rules (github-slugger:
// Unicode kept, lower case, unique in the story), its page shows an anchor link to it, and a link
// to `#something` that names no id in the story is a notice.

import GithubSlugger from 'github-slugger';
import type { Element, Root } from 'hast';
import { toString as textOf } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { type MarkdownNotice, noticeAt } from './notices.js';

const HEADING = /^h[1-6]$/;

/** Gives each heading without an id one, never one an author already gave; returns every id of the story. */
export function addHeadingIds(tree: Root): Set<string> {
  const ids = new Set<string>();
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
  });
  const slugger = new GithubSlugger();
  visit(tree, 'element', (node: Element) => {
    if (!HEADING.test(node.tagName) || typeof node.properties.id === 'string') return;
    const text = textOf(node);
    let id = slugger.slug(text);
    while (ids.has(id)) id = slugger.slug(text);
    if (id === '') return;
    node.properties.id = id;
    ids.add(id);
  });
  return ids;
}

/** Links to `#id` where no element of the story has that id (`#` and `#top` lead to the top of the page). */
export function reportMissingAnchors(tree: Root, ids: ReadonlySet<string>): MarkdownNotice[] {
  const notices: MarkdownNotice[] = [];
  visit(tree, 'element', (node: Element) => {
    const href = node.tagName === 'a' ? node.properties.href : undefined;
    if (typeof href !== 'string' || !href.startsWith('#')) return;
    const target = decoded(href.slice(1));
    if (target === '' || target.toLowerCase() === 'top' || ids.has(target)) return;
    notices.push(noticeAt('anchor-missing', node, `the link to "${href}" leads nowhere: no heading or element of the story has the id "${target}"`));
  });
  return notices;
}

function decoded(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * Adds the anchor link to each visible heading with an id, for the page, `label` being what it says to
 * screen readers (the theme shows a `#` on hover and focus); returns a function that takes them away again (feeds have none).
 */
export function addHeadingAnchors(tree: Root, label: string): () => void {
  const added: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    const hidden = Array.isArray(node.properties.className) && node.properties.className.includes('sr-only');
    if (!HEADING.test(node.tagName) || typeof node.properties.id !== 'string' || hidden) return;
    node.children.push({
      type: 'element',
      tagName: 'a',
      properties: { className: ['heading-anchor'], href: `#${node.properties.id}`, ariaLabel: label },
      children: [{ type: 'text', value: '#' }],
    });
    added.push(node);
  });
  return () => {
    for (const heading of added) heading.children.pop();
  };
}
