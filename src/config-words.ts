// The words a site's pages show: the theme's translation tables for the site's language, the site's
// templates folder over the packaged theme's word by word (`fr-CA` falls back to `fr`, and a word the
// tables lack to English), and the site's `strings:` over them.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Report } from './config-settings.js';
import { GazetteError } from './errors.js';
import { readWords, type Word, type Words } from './words.js';
import { parseYaml, YamlProblem } from './yaml.js';

export const FALLBACK_LANGUAGE = 'en';
export const TRANSLATIONS_FOLDER = 'i18n';

interface WordSources {
  root: string;
  templatesDir: string;
  themeDir: string;
  language: string;
}

/** The translation files a site reads, in the order their words apply: a change to one changes the words. */
export function translationFiles(sources: Omit<WordSources, 'root'>): string[] {
  const languages = [...new Set([FALLBACK_LANGUAGE, sources.language.split('-')[0] ?? FALLBACK_LANGUAGE, sources.language])];
  const layers = [...new Set([sources.themeDir, sources.templatesDir].map((folder) => path.resolve(folder)))];
  return languages.flatMap((language) => layers.map((layer) => path.join(layer, TRANSLATIONS_FOLDER, `${language}.yaml`)));
}

/** The site's words; `strings` is the `strings:` setting, each of whose keys must be a word of the theme. */
export function siteWords(sources: WordSources, strings: unknown, problem: Report): Words {
  const words: Record<string, Word> = {};
  for (const file of translationFiles(sources).filter((name) => existsSync(name))) Object.assign(words, readTable(sources.root, file));
  const own = readWords(strings, (key, message) =>
    problem(key === undefined ? 'strings' : `strings.${key}`, message, 'e.g. strings: { related_stories: "More on this" }'),
  );
  for (const key of Object.keys(own).filter((key) => !Object.hasOwn(words, key))) {
    problem(
      `strings.${key}`,
      `no word of the theme is called "${key}"`,
      `the words are the keys of the theme's ${TRANSLATIONS_FOLDER}/${FALLBACK_LANGUAGE}.yaml: "gazette theme eject ${TRANSLATIONS_FOLDER}/${FALLBACK_LANGUAGE}.yaml" copies it into templates/`,
    );
  }
  return Object.freeze({ ...words, ...own });
}

function readTable(root: string, file: string): Record<string, Word> {
  const relative = path.relative(root, file);
  const label = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  const problems: GazetteError[] = [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new GazetteError({ code: 'content-unreadable', file: label, message: 'cannot read the translation table', cause });
  }
  try {
    const data = parseYaml(text);
    const words = readWords(data.value, (key, message) => {
      const at = key === undefined ? undefined : data.locate([key]);
      problems.push(new GazetteError({ code: 'template-error', file: label, line: at?.line, column: at?.column, field: key, message }));
    });
    if (problems[0]) throw problems[0];
    return words;
  } catch (error) {
    if (!(error instanceof YamlProblem)) throw error;
    throw new GazetteError({ code: 'template-error', file: label, line: error.line, column: error.column, message: error.message, cause: error });
  }
}
