// Language tags (BCP 47): checked and written in their canonical form, and the direction of the
// script a language is written in, for `dir` beside `lang` on pages, cards and emails.

/**
 * Scripts written from right to left (ISO 15924 codes, as Unicode's CLDR marks them): Arabic
 * (Arabic, Persian, Urdu, Pashto, …), Hebrew (Hebrew, Yiddish), Syriac, Thaana (Dhivehi), N'Ko,
 * Adlam, Hanifi Rohingya, Mandaic, Samaritan, Mende Kikakui, Yezidi, and historic scripts.
 */
const RIGHT_TO_LEFT_SCRIPTS = new Set([
  'Adlm',
  'Arab',
  'Aran',
  'Armi',
  'Avst',
  'Chrs',
  'Cprt',
  'Elym',
  'Hatr',
  'Hebr',
  'Hung',
  'Khar',
  'Lydi',
  'Mand',
  'Mani',
  'Mend',
  'Merc',
  'Mero',
  'Narb',
  'Nbat',
  'Nkoo',
  'Orkh',
  'Ougr',
  'Palm',
  'Phli',
  'Phlp',
  'Phnx',
  'Prti',
  'Rohg',
  'Samr',
  'Sarb',
  'Sogd',
  'Sogo',
  'Syrc',
  'Syre',
  'Syrj',
  'Syrn',
  'Thaa',
  'Yezi',
]);

/** The canonical form of a language tag (`EN-gb` → `en-GB`), or undefined when it is not one. */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * `rtl` when the language is written in a right-to-left script, by its own script subtag or the
 * one it most likely has (`ar` → Arab, `az-Arab` → Arab, `dv` → Thaa), else `ltr`. A list of
 * scripts rather than Intl.Locale's text info, which Node 20 gives from the language alone.
 */
export function textDirection(language: string): 'ltr' | 'rtl' {
  const script = new Intl.Locale(language).maximize().script;
  return script !== undefined && RIGHT_TO_LEFT_SCRIPTS.has(script) ? 'rtl' : 'ltr';
}
