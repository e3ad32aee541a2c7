// A page's text from its view data and the theme: Liquid for the templates' pages, the email's CSS
// inlined, the plain-text twin tidied, redirects without a template. The same on the build's
// thread and on the page workers' (page-pool.ts), which receive the view data as plain values.

import type { Theme } from '../content/theme.js';
import { LazyHtml } from '../markdown/lazy-html.js';
import type { Words } from '../words.js';
import { inlineEmailCss, tidyText } from './email.js';
import type { PageKind } from './page.js';
import { renderRedirect } from './redirect.js';
import { createTemplateRenderer, type TemplateRenderer } from './templates.js';

/** The theme's templates and the email stylesheet, ready to render pages. */
export interface ThemeRenderer {
  templates: TemplateRenderer;
  emailCss: string;
  words: Words;
}

/** What a page worker needs to render as the build's thread does: the theme and the site's globals. */
export interface ThemeSource {
  templates: Theme['templates'];
  origins: Theme['origins'];
  label: string;
  /** The words the templates' `t` filter gives, in the site's `language`. */
  words: Words;
  language: string;
  emailCss: string;
  /** The templates' `site` (plain values). */
  site: Record<string, unknown>;
}

/** `required`: the page templates the site uses, each checked to exist. */
export function createThemeRenderer(source: ThemeSource, required: readonly string[] = []): ThemeRenderer {
  const words = { words: source.words, language: source.language };
  return { templates: createTemplateRenderer(source, words, { site: source.site }, required), emailCss: source.emailCss, words: source.words };
}

/** What a page's text is made from beside its view data: its kind, and a redirect's title and target. */
export interface PageToRender {
  kind: PageKind;
  title: string;
  data: Record<string, unknown>;
}

export function renderPage(page: PageToRender, context: Record<string, unknown>, theme: ThemeRenderer, language: string): string {
  if (page.kind === 'redirect') {
    const { link, absoluteUrl: target } = page.data as { link: string; absoluteUrl: string };
    return renderRedirect(page.title, link, target, { words: theme.words, language });
  }
  return renderTemplatePage(page.kind, viewData(context).data, theme);
}

/** A page of the theme's templates, from its view data (see viewData). */
export function renderTemplatePage(kind: Exclude<PageKind, 'redirect'>, context: Record<string, unknown>, theme: ThemeRenderer): string {
  switch (kind) {
    case 'email':
      return inlineEmailCss(theme.templates.render('email', context), theme.emailCss);
    case 'email-text':
      return tidyText(theme.templates.renderText('email.txt', context));
    case 'feed-stylesheet':
      return theme.templates.render('feed.xsl', context);
    default:
      return theme.templates.render(kind, context);
  }
}

/**
 * View data as the templates see it on every thread: a story's HTML (read from the cache when
 * printed, see LazyHtml) as its text, the objects and arrays that lead to it copied, the rest shared.
 * `plain` says whether it is all plain values, which a worker thread can be sent; anything else is
 * kept as it is, for this thread.
 */
export function viewData(context: Record<string, unknown>): { data: Record<string, unknown>; plain: boolean } {
  let plain = true;
  const read = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') plain = false;
      return value;
    }
    if (value instanceof LazyHtml) return value.text;
    if (Array.isArray(value)) {
      const items = value.map(read);
      return items.some((item, index) => item !== value[index]) ? items : value;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      plain = false;
      return value;
    }
    let copy: Record<string, unknown> | undefined;
    for (const [key, field] of Object.entries(value)) {
      const given = read(field);
      if (given !== field) (copy ??= { ...value })[key] = given;
    }
    return copy ?? value;
  };
  return { data: read(context) as Record<string, unknown>, plain };
}
