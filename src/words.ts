// The theme's words: a translation table maps a key (`related_stories`) to its text, or to its forms
// by plural category (`one`, `other`, …, as Intl.PluralRules names them); `{name}` is filled in when shown.

import { describe } from './yaml.js';

export type Word = string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }>;
export type Words = Readonly<Record<string, Word>>;

const CATEGORIES: readonly string[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The words of a table (a translation file, or the `strings:` setting); `problem` for each that is not a word. */
export function readWords(value: unknown, problem: (key: string | undefined, message: string) => void): Record<string, Word> {
  const words: Record<string, Word> = {};
  if (value === undefined || value === null) return words;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problem(undefined, `expected a mapping of keys to words, found ${describe(value)}`);
    return words;
  }
  for (const [key, word] of Object.entries(value)) {
    if (typeof word === 'string') words[key] = word;
    else if (isPluralWord(word)) words[key] = word;
    else problem(key, `expected a text, or a mapping of plural forms (${CATEGORIES.join(', ')}) with "other", found ${describe(word)}`);
  }
  return words;
}

function isPluralWord(word: unknown): word is Word {
  if (typeof word !== 'object' || word === null || Array.isArray(word)) return false;
  const forms = Object.entries(word);
  return forms.some(([form]) => form === 'other') && forms.every(([form, text]) => CATEGORIES.includes(form) && typeof text === 'string');
}

const pluralRules = new Map<string, Intl.PluralRules>();

/** The word's text for `values` (its plural form chosen by `values.count`), each `{name}` filled in. */
export function formatWord(word: Word, language: string, values: Readonly<Record<string, unknown>> = {}): string {
  let text: string;
  if (typeof word === 'string') text = word;
  else {
    let rules = pluralRules.get(language);
    if (rules === undefined) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
    text = word[rules.select(Number(values.count ?? 0))] ?? word.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name] ?? '') : whole));
}

/** A word of the site's table in its language, its values filled in (Gazette's own words: the tables have them all). */
export function say(site: { readonly words: Words; readonly language: string }, key: string, values: Readonly<Record<string, unknown>> = {}): string {
  const word = site.words[key];
  return word === undefined ? key : formatWord(word, site.language, values);
}
