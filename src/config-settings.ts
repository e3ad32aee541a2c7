// The parts of the configuration that need more than a type check: the base URL, the language, the
// permalink pattern, the sections, the menu, Markdown's raw HTML and the limits. Each reports its
// problems with its place in the configuration file.

import { canonicalLanguage } from './language.js';
import { isDeviceName, slugify } from './urls/slug.js';
import { describe } from './yaml.js';

export type Report = (field: string, message: string, hint?: string, place?: string) => void;

/** `from` names the flag or environment variable the value came from; without it, the setting. */
export function checkBaseUrl(value: string, from: string | undefined, problem: Report): string {
  const field = from ?? 'baseUrl';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problem(field, `"${value}" is not an absolute URL`, 'e.g. https://example.org/ or https://example.org/news/');
    return DEFAULT_BASE_URL;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') problem(field, `"${value}" must be an http or https URL`);
  if (url.search || url.hash) problem(field, `"${value}" must not have a query or fragment`);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

export function checkLanguage(value: string, problem: Report): string {
  const canonical = canonicalLanguage(value);
  if (canonical === undefined) problem('language', `"${value}" is not a language tag`, 'use a BCP 47 tag such as en, en-GB, fr or ar');
  return canonical ?? 'en';
}

export function checkPermalink(value: string, problem: Report): string {
  if (!value.startsWith('/') || !value.endsWith('/')) {
    problem('permalink', `"${value}" must start and end with "/"`, 'e.g. /:year/:month/:day/:slug/');
  }
  if (!value.includes(':slug')) problem('permalink', `"${value}" must contain :slug so that every story gets its own page`);
  for (const token of value.match(/:[a-z]+/g) ?? []) {
    if (!PERMALINK_TOKENS.includes(token)) problem('permalink', `unknown token ${token}`, `known tokens: ${PERMALINK_TOKENS.join(' ')}`);
  }
  return value;
}

/** The navigation's order of sections: names, each once (sections that fold alike are one). */
export function readSections(value: unknown, problem: Report): { name: string; index: number }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problem('sections', `expected a list of section names, found ${describe(value)}`, 'e.g. sections: [Africa, Middle East, Business]');
    return [];
  }
  const sections: { name: string; index: number }[] = [];
  const seen = new Map<string, string>();
  value.forEach((item, index) => {
    const place = `sections.${index}`;
    if (typeof item !== 'string' || item.trim() === '') {
      problem('sections', `item ${index + 1}: expected a section name, found ${describe(item)}`, 'e.g. sections: [Africa, Middle East, Business]', place);
      return;
    }
    const name = item.trim();
    const slug = slugify(name);
    if (slug === '' || isDeviceName(slug)) {
      problem(
        'sections',
        `"${name}" gives ${slug === '' ? 'an empty URL slug' : `the URL slug "${slug}", a reserved device name on Windows`}`,
        'a section needs letters or digits, and a name its front page can have',
        place,
      );
      return;
    }
    const earlier = seen.get(slug);
    if (earlier !== undefined) {
      problem('sections', `"${name}" is the same section as "${earlier}"`, 'sections that differ only in case or accents are one section: list it once', place);
      return;
    }
    seen.set(slug, name);
    sections.push({ name, index });
  });
  return sections;
}

/**
 * A setting that is a mapping of settings (`markdown:`, `limits:`): its fields, or undefined when it
 * is not given or is not a mapping (a problem then); each field not `known` is a problem.
 */
function settingsIn(name: string, value: unknown, known: readonly string[], example: string, problem: Report): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem(name, `expected a mapping such as "${example}", found ${describe(value)}`);
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields).filter((key) => !known.includes(key)))
    problem(`${name}.${key}`, `unknown setting "${key}"`, `known settings: ${known.join(', ')}`);
  return fields;
}

/** The embed providers Gazette knows, by the names `markdown.embeds` lists (markdown/embeds.ts says which addresses each has). */
export const EMBED_PROVIDER_NAMES = ['youtube', 'vimeo', 'datawrapper', 'flourish', 'google-maps', 'x', 'bluesky', 'mastodon', 'instagram'] as const;

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function readMarkdownSettings(markdown: unknown, problem: Report): { rawHtml: boolean; embeds: readonly string[] } {
  const settings = settingsIn('markdown', markdown, ['rawHtml', 'embeds'], 'rawHtml: false', problem);
  return { rawHtml: readRawHtml(settings?.rawHtml, problem), embeds: readEmbeds(settings?.embeds, problem) };
}

function readRawHtml(rawHtml: unknown, problem: Report): boolean {
  if (rawHtml === undefined) return false;
  if (typeof rawHtml !== 'boolean') {
    problem('markdown.rawHtml', `expected true or false, found ${describe(rawHtml)}`);
    return false;
  }
  return rawHtml;
}

/** The providers (and host names) an embed may come from: every provider unless the site lists its own. */
function readEmbeds(embeds: unknown, problem: Report): readonly string[] {
  if (embeds === undefined || embeds === null) return EMBED_PROVIDER_NAMES;
  const hint = `list providers (${EMBED_PROVIDER_NAMES.join(', ')}) or host names, e.g. embeds: [youtube, datawrapper, charts.example.org]`;
  if (!Array.isArray(embeds)) {
    problem('markdown.embeds', `expected a list, found ${describe(embeds)}`, hint);
    return EMBED_PROVIDER_NAMES;
  }
  const known: string[] = [];
  embeds.forEach((item, index) => {
    const name = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if ((EMBED_PROVIDER_NAMES as readonly string[]).includes(name) || HOST_NAME.test(name)) known.push(name);
    else problem('markdown.embeds', `item ${index + 1}: expected a provider or a host name, found ${describe(item)}`, hint);
  });
  return Object.freeze([...new Set(known)]);
}

export function readLimits(limits: unknown, problem: Report): { storySeconds: number } {
  const defaults = { storySeconds: STORY_SECONDS };
  const storySeconds = settingsIn('limits', limits, ['storySeconds'], `storySeconds: ${STORY_SECONDS}`, problem)?.storySeconds;
  if (storySeconds === undefined || storySeconds === null) return defaults;
  if (typeof storySeconds !== 'number' || !(storySeconds > 0 && storySeconds <= MOST_STORY_SECONDS)) {
    problem(
      'limits.storySeconds',
      `expected a number of seconds above 0 and at most ${MOST_STORY_SECONDS.toLocaleString('en-US')}, found ${describe(storySeconds)}`,
      `e.g. storySeconds: ${STORY_SECONDS}`,
    );
    return defaults;
  }
  return { storySeconds };
}

/** Where a site without a baseUrl setting is built for: the dev server's address. */
export const DEFAULT_BASE_URL = 'http://localhost:4000/';

/** A longer budget is a mistake (and Node's timers cannot wait much longer). */
export const MOST_STORY_SECONDS = 86_400;

export const PERMALINK_TOKENS = [':year', ':month', ':day', ':slug', ':section'];

/**
 * A story's Markdown that takes longer than this to render is refused. Realistic prose of the
 * largest size a story may have renders in a fraction of it (see the README's Hostile and broken content).
 */
export const STORY_SECONDS = 10;

/** `fields: [rating, sponsor]`: the site's own front-matter fields, which templates read as `story.data`. */
export function readCustomFields(value: unknown, problem: Report): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((field) => typeof field !== 'string' || field.trim() === '')) {
    problem('fields', `expected a list of field names, found ${describe(value)}`, 'e.g. fields: [rating, sponsor]');
    return [];
  }
  return [...new Set(value.map((field: string) => field.trim()))].sort();
}

const MENU_EXAMPLE =
  'e.g. menu: [{ url: /about/ }, { title: Corrections, url: /pages/corrections/ }, { title: Newsletter, url: "https://example.org/subscribe" }]';

/** The `menu`: a list of `{ title, url }`, each URL a path of the site from its root or an http(s) URL. */
export function readMenu(value: unknown, problem: Report): { title: string | undefined; url: string; index: number }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problem('menu', `expected a list of links, found ${describe(value)}`, MENU_EXAMPLE);
    return [];
  }
  const menu: { title: string | undefined; url: string; index: number }[] = [];
  value.forEach((item, index) => {
    const place = `menu.${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problem('menu', `item ${index + 1}: expected a mapping with url and title, found ${describe(item)}`, MENU_EXAMPLE, place);
      return;
    }
    const { title, url, ...others } = item as Record<string, unknown>;
    for (const key of Object.keys(others)) problem('menu', `item ${index + 1}: unknown field "${key}"`, 'known fields: title, url', place);
    if (title !== undefined && title !== null && (typeof title !== 'string' || title.trim() === '')) {
      problem('menu', `item ${index + 1}: expected a title, found ${describe(title)}`, MENU_EXAMPLE, place);
      return;
    }
    if (typeof url !== 'string' || !isMenuUrl(url)) {
      problem('menu', `item ${index + 1}: ${JSON.stringify(url ?? null)} is not a path of the site nor an http(s) URL`, MENU_EXAMPLE, place);
      return;
    }
    menu.push({ title: typeof title === 'string' ? title.trim() : undefined, url, index });
  });
  return menu;
}

/** A path of the site from its root (`/about/`), safe as written, or an absolute http(s) URL. */
function isMenuUrl(url: string): boolean {
  if (/^https?:\/\//i.test(url)) {
    try {
      return Boolean(new URL(url));
    } catch {
      return false;
    }
  }
  if (!url.startsWith('/') || url.startsWith('//') || /[\u0000-\u0020\u007f\\"<>]/.test(url)) return false;
  try {
    return !decodeURIComponent(url.replace(/[?#].*$/s, ''))
      .split('/')
      .some((segment) => segment === '.' || segment === '..');
  } catch {
    return false;
  }
}

/** Where the subscribe page's sign-up form posts: a mailing tool's address, and its e-mail field's name. */
export interface Newsletter {
  readonly action: string;
  readonly field: string;
}

export function readNewsletter(value: unknown, problem: Report): Newsletter | undefined {
  const example = 'action: https://buttondown.com/api/emails/embed-subscribe/yourname';
  const fields = settingsIn('newsletter', value, ['action', 'field'], example, problem);
  if (fields === undefined) return undefined;
  const { action, field = 'email' } = fields;
  if (typeof action !== 'string' || !/^https?:\/\/[^/\s]+\S*$/i.test(action.trim()) || !URL.canParse(action.trim())) {
    problem('newsletter.action', `expected the http(s) address the sign-up form posts to, found ${describe(action)}`, `e.g. ${example}`);
    return undefined;
  }
  if (typeof field !== 'string' || !/^[\w.[\]-]+$/.test(field)) {
    problem('newsletter.field', `expected the name of the form field for the e-mail address, found ${describe(field)}`, 'e.g. field: email (Mailchimp: EMAIL)');
    return undefined;
  }
  return { action: action.trim(), field };
}

/** A picture the theme links from every page's head: a site path (`/favicon.png`) or an http(s) address. */
export function readIconSetting(name: string, value: unknown, fallback: string, problem: Report): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !/^(\/(?!\/)|https?:\/\/)\S+$/i.test(value.trim())) {
    problem(name, `expected a path on the site such as "/favicon.png" or an http(s) address, found ${describe(value)}`);
    return fallback;
  }
  return value.trim();
}

/** The places a story page offers to share it on, in this order by default. */
export const SHARE_TARGETS = ['email', 'link', 'bluesky', 'facebook', 'linkedin', 'x', 'whatsapp'] as const;
export type ShareTarget = (typeof SHARE_TARGETS)[number];
export const DEFAULT_SHARE: readonly ShareTarget[] = ['email', 'link', 'bluesky', 'facebook', 'linkedin', 'x', 'whatsapp'];

export function readShare(value: unknown, problem: Report): readonly ShareTarget[] {
  if (value === undefined || value === null) return DEFAULT_SHARE;
  if (value === false) return [];
  if (!Array.isArray(value) || !value.every((target): target is ShareTarget => SHARE_TARGETS.includes(target as ShareTarget))) {
    problem('share', `expected false or a list of ${SHARE_TARGETS.join(', ')}, found ${describe(value)}`, 'e.g. share: [email, link, bluesky]');
    return DEFAULT_SHARE;
  }
  return [...new Set(value)];
}
