// Site configuration: find the config file, apply defaults and command-line overrides, validate
// every setting (collecting all problems with their line), and return one frozen Config.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IANAZone } from 'luxon';
import { findConfigFile, readConfigFile, readNow } from './config-file.js';
import {
  checkBaseUrl,
  checkLanguage,
  checkPermalink,
  DEFAULT_BASE_URL,
  readCustomFields,
  readIconSetting,
  readLimits,
  readMarkdownSettings,
  readMenu,
  readNewsletter,
  readSections,
  readShare,
} from './config-settings.js';
import type { Config, ConfigOverrides } from './config-types.js';
import { siteWords } from './config-words.js';
import { failIfAny, GazetteError } from './errors.js';
import { say } from './words.js';
import { describe } from './yaml.js';

const SETTINGS = [
  'title',
  'description',
  'baseUrl',
  'language',
  'timeZone',
  'permalink',
  'pageSize',
  'feedSize',
  'tagFeedSize',
  'editionFeedSize',
  'sections',
  'fields',
  'menu',
  'markdown',
  'search',
  'limits',
  'params',
  'strings',
  'newsletter',
  'favicon',
  'touchIcon',
  'share',
  'readingTime',
  'content',
  'templates',
  'static',
  'output',
];

/** The default theme, shipped beside Gazette's code (`templates/` of the package). */
export const PACKAGED_THEME = fileURLToPath(new URL('../templates', import.meta.url));

export function loadConfig(root: string, overrides: ConfigOverrides = {}, clock: () => Date = () => new Date()): Config {
  const configFile = findConfigFile(root, overrides.configFile);
  const label = configFile ? path.relative(root, configFile) || configFile : '(defaults)';
  const data = configFile ? readConfigFile(configFile, label) : undefined;
  const settings = data?.value ?? {};
  const problems: GazetteError[] = [];
  const problem = (field: string, message: string, hint?: string, place: string = field) => {
    const at = data?.locate(place);
    problems.push(new GazetteError({ code: 'config-invalid', file: label, line: at?.line, column: at?.column, field, message, hint }));
  };

  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new GazetteError({
      code: 'config-invalid',
      file: label,
      message: 'the configuration must be a mapping of settings',
      hint: 'e.g. `title: My Digest`',
    });
  }
  const raw = settings as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!SETTINGS.includes(key)) problem(key, `unknown setting "${key}"`, `known settings: ${SETTINGS.join(', ')}`);
  }

  const text = (field: string, fallback: string): string => {
    const value = raw[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string' || value.trim() === '') {
      problem(field, `expected a non-empty string, found ${describe(value)}`);
      return fallback;
    }
    return value.trim();
  };
  const count = (field: string, fallback: number): number => {
    const value = raw[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      problem(field, `expected a whole number of at least 1, found ${describe(value)}`);
      return fallback;
    }
    return value;
  };
  const folder = (field: string, fallback: string, override?: string): string => path.resolve(root, override ?? text(field, fallback));

  const title = text('title', 'Gazette');
  // A blank baseUrl is a setting left unfilled: read as the default, every absolute link would point to localhost.
  const blankBaseUrl = Object.hasOwn(raw, 'baseUrl') && (raw.baseUrl === null || (typeof raw.baseUrl === 'string' && raw.baseUrl.trim() === ''));
  if (blankBaseUrl && overrides.baseUrl === undefined) {
    problem(
      'baseUrl',
      `is blank: every absolute link (feeds, sitemaps, link previews) would point to ${DEFAULT_BASE_URL}`,
      'give the address the site is published at, e.g. "baseUrl: https://example.org/", or pass --base-url https://example.org/',
    );
  }
  const baseUrl = checkBaseUrl(
    overrides.baseUrl ?? (blankBaseUrl ? DEFAULT_BASE_URL : text('baseUrl', DEFAULT_BASE_URL)),
    overrides.baseUrl === undefined ? undefined : (overrides.baseUrlFrom ?? '--base-url'),
    problem,
  );
  const baseUrlGiven = overrides.baseUrl !== undefined || (typeof raw.baseUrl === 'string' && raw.baseUrl.trim() !== '');
  const language = checkLanguage(text('language', 'en'), problem);
  const timeZone = text('timeZone', 'UTC');
  if (!IANAZone.isValidZone(timeZone)) problem('timeZone', `unknown time zone "${timeZone}"`, 'use an IANA name such as Europe/Paris or Africa/Algiers');
  const permalink = checkPermalink(text('permalink', '/:year/:month/:day/:slug/'), problem);
  const pageSize = count('pageSize', 10);
  const feedSize = count('feedSize', 20);
  const tagFeedSize = count('tagFeedSize', feedSize);
  const editionFeedSize = count('editionFeedSize', 14);
  const sections = readSections(raw.sections, problem).map(({ name, index }) => ({
    name,
    ...(data?.locate(['sections', String(index)]) ?? { line: undefined, column: undefined }),
  }));
  const customFields = readCustomFields(raw.fields, problem);
  const menu = readMenu(raw.menu, problem).map((item) => ({
    ...item,
    ...(data?.locate(['menu', String(item.index)]) ?? { line: undefined, column: undefined }),
  }));
  const { rawHtml, embeds } = readMarkdownSettings(raw.markdown, problem);
  const search = raw.search ?? true;
  if (typeof search !== 'boolean') problem('search', `expected true or false, found ${describe(search)}`);
  const { storySeconds } = readLimits(raw.limits, problem);
  const params = raw.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    problem('params', `expected a mapping of settings for templates, found ${describe(params)}`, 'e.g. params: { tagline_color: "#b00" }');
  }
  const templatesDir = folder('templates', 'templates');
  const words = siteWords({ root, templatesDir, themeDir: PACKAGED_THEME, language }, raw.strings, problem);
  const description = text('description', say({ words, language }, 'site_description', { site: title }));
  const readingTime = raw.readingTime ?? false;
  if (typeof readingTime !== 'boolean') problem('readingTime', `expected true or false, found ${describe(readingTime)}`);
  const now = readNow(overrides.now, clock, IANAZone.isValidZone(timeZone) ? timeZone : 'UTC');

  const config: Config = {
    root,
    configFile,
    title,
    description,
    baseUrl,
    baseUrlGiven,
    basePath: new URL(baseUrl).pathname,
    language,
    timeZone,
    permalink,
    pageSize,
    feedSize,
    tagFeedSize,
    editionFeedSize,
    sections: Object.freeze(sections.map((section) => Object.freeze(section))),
    customFields: Object.freeze(customFields),
    menu: Object.freeze(menu.map(({ title, url, line, column }) => Object.freeze({ title, url, line, column }))),
    rawHtml,
    embeds,
    search: search === true,
    storySeconds,
    params: typeof params === 'object' && params !== null && !Array.isArray(params) ? (params as Record<string, unknown>) : {},
    words,
    newsletter: readNewsletter(raw.newsletter, problem),
    favicon: readIconSetting('favicon', raw.favicon, '/assets/favicon.png', problem),
    touchIcon: readIconSetting('touchIcon', raw.touchIcon, '/assets/touch-icon.png', problem),
    share: readShare(raw.share, problem),
    readingTime: readingTime === true,
    contentDir: folder('content', 'content', overrides.content),
    templatesDir,
    templatesNamed: raw.templates !== undefined && raw.templates !== null,
    themeDir: PACKAGED_THEME,
    staticDir: folder('static', 'static'),
    outDir: folder('output', 'dist', overrides.out),
    drafts: overrides.drafts ?? false,
    future: overrides.future ?? false,
    now,
  };
  failIfAny(problems);
  return Object.freeze(config);
}

/**
 * Everything a build's output depends on that is not a file it reads: the settings, command-line
 * flags included, but the clock and the time budget (which decides only whether a build fails).
 */
export function settingsKey(config: Config): string {
  const { now: _clock, storySeconds: _budget, baseUrlGiven: _given, ...settings } = config;
  return JSON.stringify(settings);
}

/**
 * The base URL left at its localhost default: `gazette build` refuses it (every feed, canonical link
 * and sitemap would point to this machine), `gazette check` warns.
 */
export function baseUrlMissing(config: Config): GazetteError | undefined {
  if (config.baseUrlGiven) return undefined;
  return new GazetteError({
    code: 'base-url-missing',
    file: config.configFile ? path.relative(config.root, config.configFile) || config.configFile : undefined,
    field: 'baseUrl',
    message: `is not set: every feed, canonical link and sitemap would point to ${DEFAULT_BASE_URL}`,
    hint: 'give the address the site is published at: "baseUrl: https://example.org/" in the configuration, --base-url https://example.org/ or GAZETTE_BASE_URL=https://example.org/',
  });
}
