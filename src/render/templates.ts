// One LiquidJS engine over the theme's templates (held in memory), output escaped by default.
// Template mistakes become errors naming the template file and line.

import { Liquid } from 'liquidjs';
import type { Theme } from '../content/theme.js';
import { GazetteError } from '../errors.js';

export const PAGE_TEMPLATES = ['story', 'front', 'edition', 'archive', 'tags', 'tag', 'sections', 'section', 'authors', 'author', '404'];

export interface TemplateRenderer {
  render(template: string, data: Record<string, unknown>): string;
}

export function createTemplateRenderer(theme: Theme, globals: Record<string, unknown>): TemplateRenderer {
  const missing = PAGE_TEMPLATES.filter((name) => theme.templates[`${name}.liquid`] === undefined);
  if (missing.length > 0) {
    throw new GazetteError({
      code: 'template-missing', file: theme.label,
      message: `missing template${missing.length === 1 ? '' : 's'}: ${missing.map((name) => `${name}.liquid`).join(', ')}`,
      hint: 'every page kind needs its template; copy the default theme\'s',
    });
  }
  const engine = new Liquid({
    templates: theme.templates,
    extname: '.liquid',
    outputEscape: 'escape',
    strictFilters: true,
    cache: true,
    globals,
  });
  return {
    render(template, data) {
      try {
        return engine.renderFileSync(template, data);
      } catch (error) {
        throw templateError(error, theme.label, template);
      }
    },
  };
}

function templateError(error: unknown, folder: string, template: string): GazetteError {
  const liquid = error as { message?: string; token?: { file?: string; getPosition?: () => [number, number] } };
  const [line, column] = liquid.token?.getPosition?.() ?? [];
  const file = liquid.token?.file ?? `${template}.liquid`;
  const message = (liquid.message ?? String(error)).replace(/, file:.*$/s, '').replace(/ in "\."$/, '');
  return new GazetteError({ code: 'template-error', file: `${folder}/${file}`, line, column, message, cause: error });
}
