// The words a site's pages show: the theme's translation table for the site's language (`fr-CA`
// falls back to `fr`, and any word a table lacks to English), with the site's `strings:` over it.

import type { Config } from '../config.js';
import { GazetteError } from '../errors.js';
import type { Word, Words } from '../words.js';

export const FALLBACK_LANGUAGE = 'en';

export function siteWords(tables: Readonly<Record<string, Record<string, Word>>>, config: Pick<Config, 'language' | 'strings' | 'configFile' | 'root'>): Words {
  const base = config.language.split('-')[0] ?? config.language;
  const words: Record<string, Word> = { ...tables[FALLBACK_LANGUAGE], ...tables[base], ...tables[config.language] };
  const unknown = Object.keys(config.strings).filter((key) => !Object.hasOwn(words, key));
  if (unknown.length > 0) {
    throw new GazetteError({
      code: 'config-invalid',
      file: config.configFile === undefined ? '(defaults)' : config.configFile,
      field: `strings.${unknown[0]}`,
      message: `no word of the theme is called "${unknown.join('", "')}"`,
      hint: `the keys are those of the theme's translation table (templates/i18n/${FALLBACK_LANGUAGE}.yaml, "gazette theme eject i18n/${FALLBACK_LANGUAGE}.yaml" shows it)`,
    });
  }
  return Object.freeze({ ...words, ...config.strings });
}
