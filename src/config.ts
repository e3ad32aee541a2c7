// Site configuration: find the config file, apply defaults and command-line overrides, validate
// every setting (collecting all problems with their line), and return one frozen Config.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime, IANAZone } from 'luxon';
import { checkBaseUrl, checkLanguage, checkPermalink, DEFAULT_BASE_URL, readLimits, readMarkdownSettings, readSections } from './config-settings.js';
import { failIfAny, GazetteError } from './errors.js';
import { describe, parseYaml, type YamlData, YamlProblem } from './yaml.js';

export interface Config {
  readonly root: string;
  readonly configFile: string | undefined;
  readonly title: string;
  readonly description: string;
  /** Absolute base URL, always ending in `/`, e.g. `https://example.org/news/`. */
  readonly baseUrl: string;
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
  readonly rawHtml: boolean;
  /** The embed providers and host names an <iframe> may come from (markdown.embeds). */
  readonly embeds: readonly string[];
  /** Build the Pagefind search index and the search page. */
  readonly search: boolean;
  /** How long one story's Markdown may take to render before it fails (`limits.storySeconds`). */
  readonly storySeconds: number;
  readonly contentDir: string;
  readonly templatesDir: string;
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

/** What the command line may override. */
export interface ConfigOverrides {
  configFile?: string;
  content?: string;
  out?: string;
  baseUrl?: string;
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
  'markdown',
  'search',
  'limits',
  'content',
  'templates',
  'static',
  'output',
];

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
  const description = text('description', `The latest from ${title}`);
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
    overrides.baseUrl !== undefined,
    problem,
  );
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
  const { rawHtml, embeds } = readMarkdownSettings(raw.markdown, problem);
  const search = raw.search ?? true;
  if (typeof search !== 'boolean') problem('search', `expected true or false, found ${describe(search)}`);
  const { storySeconds } = readLimits(raw.limits, problem);
  const now = readNow(overrides.now, clock, IANAZone.isValidZone(timeZone) ? timeZone : 'UTC');

  const config: Config = {
    root,
    configFile,
    title,
    description,
    baseUrl,
    basePath: new URL(baseUrl).pathname,
    language,
    timeZone,
    permalink,
    pageSize,
    feedSize,
    tagFeedSize,
    editionFeedSize,
    sections: Object.freeze(sections.map((section) => Object.freeze(section))),
    rawHtml,
    embeds,
    search: search === true,
    storySeconds,
    contentDir: folder('content', 'content', overrides.content),
    templatesDir: folder('templates', 'templates'),
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
  const { now: _clock, storySeconds: _budget, ...settings } = config;
  return JSON.stringify(settings);
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
