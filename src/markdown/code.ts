// Code blocks highlighted as the site is built: a fenced block with a language highlight.js knows
// gets its tokens as <span class="hljs-…"> (lowlight), which the theme colours in light and dark;
// no script reaches the page. A block in a language it does not know stays plain. Loading the
// grammars takes longer than starting a worker, so a worker loads them at its first story with code.

import type { Element, Root } from 'hast';
import { toString as textOf } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

/** What highlights code: a lowlight instance. */
export interface Highlighter {
  registered(language: string): boolean;
  highlight(language: string, value: string): Root;
}

/** lowlight with highlight.js's common languages (about forty: the ones newsrooms publish). */
export async function loadHighlighter(): Promise<Highlighter> {
  const { common, createLowlight } = await import('lowlight');
  return createLowlight(common);
}

/**
 * Whether a story's Markdown may hold code with a language: a fence followed by an info string, or
 * raw HTML's `class="language-…"`. It errs only towards yes, so that whether a block is highlighted
 * never depends on whether an earlier story of the same worker loaded the highlighter.
 */
export function mayHoldCode(markdown: string): boolean {
  return /(`{3,}|~{3,})[ \t]*[^\s`]|language-/.test(markdown);
}

export function highlightCode(tree: Root, highlighter: Highlighter): void {
  visit(tree, 'element', (node: Element, _index, parent) => {
    if (node.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') return;
    const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
    const language = classes.find((name) => name.startsWith('language-'))?.slice('language-'.length);
    if (language === undefined || !highlighter.registered(language)) return;
    const highlighted = highlighter.highlight(language, textOf(node));
    node.properties.className = [...classes, 'hljs'];
    node.children = highlighted.children as Element['children'];
  });
}
