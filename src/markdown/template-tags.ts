// Template tags other generators read in Markdown (Jekyll's `{% include %}`, Hugo's `{{< figure >}}`
// and `{{% … %}}`) mean nothing to Gazette: each one left in a story's text is a notice naming the
// tag and its line, so that none is published unseen. Code (spans and blocks) is never looked in.

import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { MarkdownNotice } from './notices.js';

/**
 * A tag on one line, without braces inside: a body full of `{%` costs no more than one look at each
 * up to the next brace.
 */
const TAG = /\{%-?\s*([\w/.-]*)[^{}\n]{0,300}%\}|\{\{[<%]-?\s*([\w/.-]*)[^{}\n]{0,300}[>%]\}\}/g;

export function findTemplateTags(tree: Root): MarkdownNotice[] {
  const notices: MarkdownNotice[] = [];
  visit(tree, 'text', (node) => {
    const start = node.position?.start;
    for (const match of node.value.matchAll(TAG)) {
      const name = match[1] ?? match[2] ?? '';
      const before = node.value.slice(0, match.index);
      const lines = before.split('\n');
      const line = (start?.line ?? 1) + lines.length - 1;
      const column = lines.length === 1 ? (start?.column ?? 1) + before.length : (lines.at(-1)?.length ?? 0) + 1;
      const tag = match[0].startsWith('{%') ? `{% ${name} %}` : `${match[0].slice(0, 3)} ${name} ${match[0].slice(-3)}`;
      notices.push({ code: 'template-tag', line, column, message: `the template tag ${tag} is not one Gazette knows and is published as text` });
    }
  });
  return notices;
}
