// LiquidJS over the theme's templates (held in memory): one engine for HTML, output escaped by
// default, and one for plain text (the email edition's twin), which escapes nothing and can wrap
// lines. Both have the `t` filter, the theme's words (`{{ 'related_stories' | t }}`,
// `{{ 'stories_count' | t: count: 3 }}`). Template mistakes become errors naming the template file and line.

import { Liquid } from 'liquidjs';
import type { Theme } from '../content/theme.js';
import { GazetteError } from '../errors.js';
import { formatWord, type Words } from '../words.js';
import { wrapText } from './email.js';

export const PAGE_TEMPLATES = [
  'story',
  'front',
  'edition',
  'archive',
  'tags',
  'tag',
  'sections',
  'section',
  'authors',
  'author',
  'subscribe',
  'feed.xsl',
  '404',
  'email',
  'email.txt',
];

export interface TemplateRenderer {
  render(template: string, data: Record<string, unknown>): string;
  /** A plain-text template: nothing escaped; the `wrap` filter wraps text (`| wrap: 72`). */
  renderText(template: string, data: Record<string, unknown>): string;
}

type TemplateSource = Pick<Theme, 'templates' | 'origins' | 'label'>;

/** `required`: the page templates the site uses (the search page's only with search on). */
export function createTemplateRenderer(
  theme: TemplateSource,
  words: { words: Words; language: string },
  globals: Record<string, unknown>,
  required: readonly string[] = PAGE_TEMPLATES,
): TemplateRenderer {
  const missing = required.filter((name) => theme.templates[`${name}.liquid`] === undefined);
  if (missing.length > 0) {
    throw new GazetteError({
      code: 'template-missing',
      file: theme.label,
      message: `missing template${missing.length === 1 ? '' : 's'}: ${missing.map((name) => `${name}.liquid`).join(', ')}`,
      hint: "every page kind needs its template; copy the default theme's",
    });
  }
  const options = { templates: theme.templates, extname: '.liquid', strictFilters: true, cache: true, globals };
  const engine = new Liquid({ ...options, outputEscape: 'escape' });
  const textEngine = new Liquid(options);
  for (const liquid of [engine, textEngine]) {
    liquid.registerFilter('t', translate(words));
    // A word as JSON, every plural form kept, for a script to choose from (the search page's count).
    liquid.registerFilter('t_forms', (key: unknown) => JSON.stringify(words.words[String(key)] ?? String(key)));
  }
  textEngine.registerFilter('wrap', (text: unknown, width?: unknown) =>
    wrapText(String(text ?? ''), typeof width === 'number' && width > 0 ? width : undefined),
  );
  const renderWith = (liquid: Liquid) => (template: string, data: Record<string, unknown>) => {
    try {
      return liquid.renderFileSync(template, data);
    } catch (error) {
      throw templateError(error, theme, template);
    }
  };
  return { render: renderWith(engine), renderText: renderWith(textEngine) };
}

/** The `t` filter: a word of the table, its `{name}`s filled in from the filter's named arguments. */
function translate(words: { words: Words; language: string }) {
  return (key: unknown, ...args: unknown[]): string => {
    const word = words.words[String(key)];
    if (word === undefined) throw new Error(`no word "${String(key)}" in the translation table (templates/i18n/)`);
    const values: Record<string, unknown> = {};
    for (const arg of args) if (Array.isArray(arg) && typeof arg[0] === 'string') values[arg[0]] = arg[1];
    return formatWord(word, words.language, values);
  };
}

function templateError(error: unknown, theme: TemplateSource, template: string): GazetteError {
  const liquid = error as { message?: string; token?: { file?: string; getPosition?: () => [number, number] } };
  const [line, column] = liquid.token?.getPosition?.() ?? [];
  const name = liquid.token?.file ?? `${template}.liquid`;
  const file = theme.origins[name] ?? `${theme.label}/${name}`;
  const message = (liquid.message ?? String(error)).replace(/, file:.*$/s, '').replace(/ in "\."$/, '');
  return new GazetteError({ code: 'template-error', file, line, column, message, cause: error });
}
