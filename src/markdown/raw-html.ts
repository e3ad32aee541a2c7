// Raw HTML in a story, read as HTML: the Markdown's tree becomes an HTML tree with its raw pieces
// parsed in place (hast-util-raw, which knows that `<figure>` and `</figure>` wrap the Markdown
// between them), and each thing the sanitizer's allow-list (schema.ts) will remove is named here,
// at its line, before the sanitizer removes it.

import type { Element, Root as HtmlRoot, Parents } from 'hast';
import { raw } from 'hast-util-raw';
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { find, html } from 'property-information';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { type MarkdownNotice, noticeAt } from './notices.js';
import { allowedSchemes, elementFate, keepsAttribute } from './schema.js';

/**
 * The Markdown's tree as HTML, raw HTML parsed (positions are lines and columns of `markdown`).
 * Most stories hold no raw HTML: they skip the second parse (parse5 over the whole story).
 */
export function htmlTreeOf(tree: Root, markdown: string): HtmlRoot {
  const html = toHast(tree, { allowDangerousHtml: true }) as HtmlRoot;
  let hasRaw = false;
  visit(html, 'raw', () => {
    hasRaw = true;
    return EXIT;
  });
  return hasRaw ? (raw(html, { file: new VFile(markdown) }) as HtmlRoot) : html;
}

/**
 * Names each element, attribute and URL of raw HTML that the schema does not keep. Comments go
 * unnamed (no generator publishes them). A form field other than a task list's checkbox is removed
 * here, since the schema would turn it into one.
 */
export function reportUnsafeHtml(tree: HtmlRoot): MarkdownNotice[] {
  const notices: MarkdownNotice[] = [];
  visit(tree, 'element', (node: Element, index: number | undefined, parent: Parents | undefined) => {
    const tag = `<${node.tagName}>`;
    const fate = elementFate(node.tagName);
    if (fate === 'stripped') {
      notices.push(noticeAt('html-removed', node, `the ${tag} element was removed with its content`));
      return SKIP;
    }
    if (node.tagName === 'input' && node.properties.type !== 'checkbox' && parent && index !== undefined) {
      notices.push(noticeAt('html-removed', node, `the ${tag} element was removed`));
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (fate === 'unwrapped') notices.push(noticeAt('html-removed', node, `the ${tag} element was removed (its text is kept)`));
    else for (const message of unsafeAttributes(node)) notices.push(noticeAt('html-removed', node, `${message} of ${tag} was removed`));
    return undefined;
  });
  return notices;
}

/** The attributes of a kept element that the schema removes; `data-` attributes, which only scripts read, go unnamed. */
function unsafeAttributes(node: Element): string[] {
  const removed: string[] = [];
  for (const [property, value] of Object.entries(node.properties)) {
    if (value === null || value === undefined || value === false || /^data[A-Z]/.test(property)) continue;
    const attribute = find(html, property).attribute;
    if (!keepsAttribute(node.tagName, property)) {
      removed.push(`the ${attribute} attribute`);
      continue;
    }
    const scheme = schemeOf(String(value));
    const schemes = allowedSchemes(property);
    if (scheme !== undefined && schemes !== undefined && !schemes.includes(scheme)) removed.push(`the ${scheme}: address in the ${attribute} attribute`);
  }
  return removed;
}

/** A URL's scheme as the sanitizer reads it (before any `/`, `?` or `#`), in lower case; undefined for a relative URL. */
function schemeOf(url: string): string | undefined {
  const colon = url.indexOf(':');
  if (colon === -1) return undefined;
  const before = url.slice(0, colon);
  return /[/?#]/.test(before) ? undefined : before.toLowerCase();
}
