// URL slugs, decided the same way everywhere: lower case, diacritics folded, every run of
// punctuation or spaces turned into one hyphen. Letters of any script are kept (الجزائر stays).

const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i' };

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    // Fold the accents of Latin, Greek and Cyrillic letters only: in other scripts a combining
    // mark is part of the letter (the hamza of Arabic ئ), so those are composed back.
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ßæœøđðþłı]/g, (letter) => FOLDED[letter] ?? letter)
    .replace(/['’‘]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** A slug an author may write by hand: what slugify would keep, and nothing else. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slugify(slug) === slug;
}
