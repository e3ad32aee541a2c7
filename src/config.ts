// Site configuration: find the config file, apply defaults and command-line overrides, validate
// every setting (collecting all problems with their line), and return one frozen Config.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime, IANAZone } from 'luxon';
import {
  checkBaseUrl,
  checkLanguage,
  checkPermalink,
  DEFAULT_BASE_URL,
  type Newsletter,
  readCustomFields,
  readIconSetting,
  readLimits,
  readMarkdownSettings,
  readMenu,
  readNewsletter,
  readSections,
  readShare,
  type ShareTarget,
} from './config-settings.js';
import { siteWords } from './config-words.js';
import { failIfAny, GazetteError } from './errors.js';
import { say, type Words } from './words.js';
import { describe, parseYaml, type YamlData, YamlProblem } from './yaml.js';

export interface Config {
  readonly root: string;
  readonly configFile: string | undefined;
  readonly title: string;
  readonly description: string;
  /** Absolute base URL, always ending in `/`, e.g. `https://example.org/news/`. */
  readonly baseUrl: string;
  /** The base URL was given (setting, --base-url or GAZETTE_BASE_URL), not the localhost default. */
  readonly baseUrlGiven: boolean;
  /** The path part of the base URL: `/` or `/news/`. Every internal link starts with it. */
  readonly basePath: string;
  readonly language: string;
  readonly timeZone: string;
  readonly permalink: string;
  readonly pageSize: number;
  /** Stories in the site feed. */
  readonly feedSize: number;
  /** Stories in each tag's feed. */
  readonly tagFeedSize: number;
  /** Days in the edition feed. */
  readonly editionFeedSize: number;
  /** The sections in the order the navigation lists them, as the configuration spells them. */
  readonly sections: readonly ConfiguredSection[];
  /** Links the navigation lists after Gazette's own (`menu:`), in order. */
  readonly menu: readonly MenuItem[];
  readonly rawHtml: boolean;
  /** The site's own front-matter fields (`fields:`): read into `story.data`, never warned about. */
  readonly customFields: readonly string[];
  /** The embed providers and host names an <iframe> may come from (markdown.embeds). */
  readonly embeds: readonly string[];
  /** Build the Pagefind search index and the search page. */
  readonly search: boolean;
  /** The subscribe page's sign-up form, when the newsroom has a newsletter. */
  readonly newsletter: Newsletter | undefined;
  /** The icons every page links: site paths (the theme's by default) or http(s) addresses. */
  readonly favicon: string;
  readonly touchIcon: string;
  /** Where a story page offers to share it, in order; none with `share: false`. */
  readonly share: readonly ShareTarget[];
  /** The story's meta line gives its reading time. */
  readonly readingTime: boolean;
  /** How long one story's Markdown may take to render before it fails (`limits.storySeconds`). */
  readonly storySeconds: number;
  /** Free-form settings for templates (`params:`), seen as `site.params`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The words the theme shows, in the site's language: its translation tables with the site's `strings:` over them. */
  readonly words: Words;
  readonly contentDir: string;
  /** The site's templates: each file there replaces the packaged theme's of the same name. */
  readonly templatesDir: string;
  /** The configuration names the templates folder: it must then be there (a typo would give the default theme). */
  readonly templatesNamed: boolean;
  /** The packaged theme, the fallback for every file the site's templates folder does not have. */
  readonly themeDir: string;
  readonly staticDir: string;
  readonly outDir: string;
  readonly drafts: boolean;
  readonly future: boolean;
  /** The build's clock, read once: stories dated after it are not published. */
  readonly now: DateTime;
}

/** A section named in the configuration, with its place there for messages. */
export interface ConfiguredSection {
  readonly name: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** A link of the configuration's `menu`: a path of the site (`/about/`) or an http(s) URL, and its words. */
export interface MenuItem {
  /** Undefined for a page of the site, which is named by its title. */
  readonly title: string | undefined;
  readonly url: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
}

/** What the command line may override. */
export interface ConfigOverrides {
  configFile?: string;
  content?: string;
  out?: string;
  baseUrl?: string;
  /** Where `baseUrl` came from, for messages: the flag (default) or the environment variable. */
  baseUrlFrom?: '--base-url' | 'GAZETTE_BASE_URL';
  drafts?: boolean;
  future?: boolean;
  now?: string;
}

export const CONFIG_FILES = ['gazette.config.yaml', 'gazette.config.yml', 'gazette.config.json'];
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

function findConfigFile(root: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const file = path.resolve(root, explicit);
    if (!existsSync(file)) throw new GazetteError({ code: 'config-unreadable', file: explicit, message: 'configuration file not found' });
    return file;
  }
  return CONFIG_FILES.map((name) => path.join(root, name)).find((file) => existsSync(file));
}

function readConfigFile(file: string, label: string): YamlData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GazetteError({ code: 'config-unreadable', file: label, message: 'cannot read the configuration file', cause });
  }
  try {
    // JSON is a subset of YAML 1.2, so one parser serves both file kinds, with line numbers.
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YamlProblem)) throw error;
    throw new GazetteError({ code: 'config-invalid', file: label, line: error.line, column: error.column, message: error.message, cause: error });
  }
}

/** The clock: --now when given (without an offset, in the site's time zone), else the machine's. */
function readNow(value: string | undefined, clock: () => Date, timeZone: string): DateTime {
  if (value === undefined) return DateTime.fromJSDate(clock(), { zone: 'utc' });
  const now = DateTime.fromISO(value, { zone: timeZone, setZone: true });
  if (!now.isValid) {
    throw new GazetteError({ code: 'usage', field: '--now', message: `"${value}" is not an ISO 8601 date`, hint: 'e.g. --now 2020-10-02T12:00:00Z' });
  }
  return now;
}
