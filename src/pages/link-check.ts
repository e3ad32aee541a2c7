// Every internal link of the built site, checked against what the build publishes: the href and
// src of each page it renders that lead to the site (its origin and base path, or relative), and
// the links of each story's body, named by their line in the story's file. A link that leads to
// nothing the site publishes is a warning.

import { GazetteError } from '../errors.js';
import { type BodyLink, isMarkdownFile } from '../markdown/processor.js';
import type { Story } from '../model/types.js';
import type { SiteWriter } from '../output/writer.js';
import { imageKind } from '../urls/links.js';
import { pageFile, SEARCH_FOLDER } from '../urls/paths.js';

type Site = { readonly baseUrl: string; readonly basePath: string };

/** A page that links to a path, and the story it shows, when one. */
interface Linker {
  page: string;
  source: string | undefined;
  count: number;
}

export interface LinkCheck {
  /** A file the site publishes (its site path); `html` when it is a page whose links are to be checked. */
  publish(sitePath: string, html?: string, source?: string): void;
  /** A story's body links, read from the story's page at `permalink`; `warned`: places already reported (`file:line:column`). */
  storyLinks(story: { file: string; bodyLine: number; permalink: string }, links: readonly BodyLink[], warned?: ReadonlySet<string>): void;
  /** Whether the site publishes something at this path (`about/` is `about/index.html`), once every file is published. */
  published(sitePath: string): boolean;
  /** A warning for each link that leads nowhere on the site, once every file is published. */
  warnings(): GazetteError[];
}

/** A start tag with its attributes (quoted values may hold ">"); text between tags never holds "<". */
const START_TAG = /<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const LINK_ATTRIBUTE = /\s(?:href|src)=(?:"([^"]*)"|'([^']*)')/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&lt;': '<', '&gt;': '>' };

export function createLinkCheck(site: Site): LinkCheck {
  const origin = new URL(site.baseUrl);
  const published = new Set<string>();
  const fromPages = new Map<string, Linker>();
  const fromStories: { target: string; file: string; line: number; column: number; url: string }[] = [];
  /** Targets reported at a story's line: the pages that show the story are not reported again for them. */
  const reported = new Set<string>();

  /** The site path a link leads to from the page at `from`, or undefined for one that leaves the site. */
  const targetOf = (url: string, from: string): string | undefined => {
    if (url === '' || url.startsWith('#') || url.startsWith('?')) return undefined;
    let resolved: URL;
    try {
      resolved = new URL(url, new URL(from, origin));
    } catch {
      return undefined;
    }
    if (resolved.origin !== origin.origin || !resolved.pathname.startsWith(site.basePath)) return undefined;
    try {
      return decodeURIComponent(resolved.pathname.slice(site.basePath.length));
    } catch {
      return resolved.pathname.slice(site.basePath.length);
    }
  };
  const pageUrl = (sitePath: string) => site.basePath + sitePath;
  // A page's links are mostly the same few addresses from the site root or absolute (the navigation,
  // listings): each resolved once. Relative links depend on the page and are resolved each time.
  const absoluteTargets = new Map<string, string | undefined>();
  const targetFrom = (url: string, page: string): string | undefined => {
    if (!url.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(url)) return targetOf(url, pageUrl(page));
    if (!absoluteTargets.has(url)) absoluteTargets.set(url, targetOf(url, ''));
    return absoluteTargets.get(url);
  };
  const isPublished = (target: string) =>
    target.startsWith(SEARCH_FOLDER) ||
    published.has(target) ||
    published.has(`${target}index.html`) ||
    (!target.endsWith('/') && published.has(`${target}/index.html`));

  return {
    publish(sitePath, html, source) {
      published.add(sitePath);
      if (html === undefined) return;
      const page = sitePath.replace(/(^|\/)index\.html$/, '$1');
      // Attributes of tags only: a story's text may read `src="…"` (a template tag published as text).
      for (const match of [...html.matchAll(START_TAG)].flatMap((tag) => [...tag[0].matchAll(LINK_ATTRIBUTE)])) {
        const url = (match[1] ?? match[2] ?? '').replace(/&(amp|quot|#39|#x27|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity).trim();
        const target = targetFrom(url, page);
        if (target === undefined) continue;
        const linker = fromPages.get(target);
        if (linker === undefined) fromPages.set(target, { page, source, count: 1 });
        else linker.count += 1;
      }
    },
    storyLinks(story, links, warned) {
      for (const link of links) {
        const line = story.bodyLine + link.line - 1;
        const kind = imageKind(link.url);
        const target = kind === 'site' ? targetOf(pageUrl(link.url.slice(1)), '') : targetOf(link.url, pageUrl(story.permalink));
        if (target === undefined) continue;
        // A link to a story's Markdown file is checked where it is filled in (render/body-links.ts).
        if (isMarkdownFile(link.url) || warned?.has(`${story.file}:${line}:${link.column}`)) reported.add(target);
        else fromStories.push({ target, file: story.file, line, column: link.column, url: link.url });
      }
    },
    published: isPublished,
    warnings() {
      const warnings: GazetteError[] = [];
      for (const link of fromStories) {
        if (isPublished(link.target)) continue;
        reported.add(link.target);
        warnings.push(
          new GazetteError({
            code: 'link-broken',
            file: link.file,
            line: link.line,
            column: link.column,
            message: `link ${JSON.stringify(link.url)} leads to /${link.target}, which the site does not publish`,
            hint: "correct the path: a file beside the story is linked from the story's folder (report.pdf), a page of the site from its root (/about/)",
          }),
        );
      }
      for (const [target, linker] of [...fromPages].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (isPublished(target) || reported.has(target)) continue;
        const more = linker.count > 1 ? ` (and ${linker.count - 1} more link${linker.count === 2 ? '' : 's'})` : '';
        warnings.push(
          new GazetteError({
            code: 'link-broken',
            file: linker.source,
            message: `the page /${linker.page} links to /${target}, which the site does not publish${more}`,
            hint: 'correct the link in the template, the configuration or the story, or publish the file (in static/)',
          }),
        );
      }
      return warnings;
    },
  };
}

/** The writer, checking the links of each page written through it and keeping what it publishes; `stories` name the file a page shows. */
export function checkingLinks(writer: SiteWriter, site: Site, stories: readonly Story[]): { writer: SiteWriter; check: LinkCheck } {
  const check = createLinkCheck(site);
  const sources = new Map(stories.map((story) => [pageFile(story.permalink), story.file]));
  const checked: SiteWriter = {
    ...writer,
    add(file) {
      const html = typeof file.contents === 'string' && /\.html?$/.test(file.path) ? file.contents : undefined;
      check.publish(file.path, html, sources.get(file.path));
      return writer.add(file);
    },
    copy(copy) {
      check.publish(copy.path);
      return writer.copy(copy);
    },
  };
  return { writer: checked, check };
}
