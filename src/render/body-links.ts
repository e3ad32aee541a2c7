// Links of a story's body to other stories' Markdown files (`../2020/10/01/other.md#x`), filled in:
// the Markdown stage marked each (`data-gazette-link="<index>"`); here each gets the address of the
// story's page, which depends on the other stories and so is never part of the cached HTML.

import path from 'node:path/posix';
import { GazetteError } from '../errors.js';
import { escapeXml } from '../escape.js';
import { type BodyLink, isMarkdownFile, LINK_MARK } from '../markdown/processor.js';

const MARKED = new RegExp(`<a ([^>]*?) ?${LINK_MARK}="(\\d+)">`, 'g');

/** By each link's index in the body: the site path (with its `#fragment`) of the story it names, or undefined. */
export type LinkTargets = readonly (string | undefined)[];

/** What a story's links to Markdown files lead to, and a warning for each that names no published story or page. */
export function storyLinkTargets(
  story: { file: string; bodyLine: number },
  links: readonly BodyLink[],
  sitePathOf: ReadonlyMap<string, string>,
  unpublished: ReadonlySet<string>,
): { targets: LinkTargets; warnings: GazetteError[] } {
  const warnings: GazetteError[] = [];
  const targets = links.map((link) => {
    if (!isMarkdownFile(link.url)) return undefined;
    const fragment = /#.*$/s.exec(link.url)?.[0] ?? '';
    let file: string | undefined;
    try {
      file = path.normalize(path.join(path.dirname(story.file), decodeURIComponent(link.url.replace(/[?#].*$/s, ''))));
    } catch {
      file = undefined;
    }
    const target = file === undefined ? undefined : sitePathOf.get(file);
    if (target === undefined) {
      warnings.push(
        new GazetteError({
          code: 'link-broken',
          file: story.file,
          line: story.bodyLine + link.line - 1,
          column: link.column,
          message:
            file !== undefined && unpublished.has(file)
              ? `link ${JSON.stringify(link.url)} names ${file}, a draft or future story, which has no page yet`
              : `link ${JSON.stringify(link.url)} names no story or page${file === undefined ? '' : ` (no ${file})`}`,
          hint: "give the other story's file path from this story's folder, e.g. ../2020/10/01/other.md",
        }),
      );
      return undefined;
    }
    return target + fragment;
  });
  return { targets, warnings };
}

/** `link` turns a site path into the address this HTML uses (on a page, or absolute in a feed). */
export function placeBodyLinks(html: string, targets: LinkTargets, link: (sitePath: string) => string): string {
  return html.replace(MARKED, (_tag, attributes: string, index: string) => {
    const target = targets[Number(index)];
    if (target === undefined) return `<a ${attributes}>`;
    const href = `href="${escapeXml(link(target))}"`;
    return `<a ${attributes.replace(/(^| )href="[^"]*"/, (_href, space: string) => space + href)}>`;
  });
}
