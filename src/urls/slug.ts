// URL slugs, decided the same way everywhere: lower case, diacritics folded, every run of
// punctuation or spaces turned into one hyphen. Letters of any script are kept (الجزائر stays).
// A slug is a folder name in the site, so it fits in one (255 bytes) and avoids Windows' device names.

const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i' };

/** Slugs made, by text: the same tags, sections and names come back on every story and every build. */
const made = new Map<string, string>();
const MADE_AT_MOST = 20_000;

export function slugify(text: string): string {
  let slug = made.get(text);
  if (slug === undefined) {
    if (made.size >= MADE_AT_MOST) made.clear();
    made.set(text, (slug = slugifyNow(text)));
  }
  return slug;
}

function slugifyNow(text: string): string {
  const slug = text
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
  return fitInFolderName(slug);
}

/** File systems take names of at most 255 bytes: a longer slug is cut after a whole word. */
export const MAX_SLUG_BYTES = 255;

function fitInFolderName(slug: string): string {
  if (Buffer.byteLength(slug) <= MAX_SLUG_BYTES) return slug;
  let cut = '';
  for (const character of slug) {
    if (Buffer.byteLength(cut + character) > MAX_SLUG_BYTES) break;
    cut += character;
  }
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > cut.length / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/;

/** Windows cannot make a folder of these names, so a site holding one cannot be copied there. */
export function isDeviceName(slug: string): boolean {
  return DEVICE_NAMES.test(slug);
}

/** A slug an author may write by hand: what slugify would keep, and nothing else. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slugify(slug) === slug && !isDeviceName(slug);
}
