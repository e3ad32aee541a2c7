// Code blocks highlighted as the site is built: a fenced block with a language highlight.js knows
// gets its tokens as <span class="hljs-…"> (lowlight), which the theme colours in light and dark;
// no script reaches the page. A block in a language it does not know stays plain.

import type { Element, Root } from 'hast';
import { toString as textOf } from 'hast-util-to-string';
import { common, createLowlight } from 'lowlight';
import { visit } from 'unist-util-visit';

/** highlight.js's common languages (about forty, the ones newsrooms publish): fast to load in every worker. */
const lowlight = createLowlight(common);

export function highlightCode(tree: Root): void {
  visit(tree, 'element', (node: Element, _index, parent) => {
    if (node.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') return;
    const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
    const language = classes.find((name) => name.startsWith('language-'))?.slice('language-'.length);
    if (language === undefined || !lowlight.registered(language)) return;
    const highlighted = lowlight.highlight(language, textOf(node));
    node.properties.className = [...classes, 'hljs'];
    node.children = highlighted.children as Element['children'];
  });
}
