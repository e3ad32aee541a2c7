// URL slugs. Tags, sections and authors: lower case, diacritics folded, every run of punctuation or
// spaces one hyphen, letters of any script kept (الجزائر stays). Stories: the file name as written
// (storySlug). A slug is a folder name in the site: it fits in one (255 bytes), no Windows device name.

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

export function fitInFolderName(slug: string): string {
  if (Buffer.byteLength(slug) <= MAX_SLUG_BYTES) return slug;
  let cut = '';
  for (const character of slug) {
    if (Buffer.byteLength(cut + character) > MAX_SLUG_BYTES) break;
    cut += character;
  }
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > cut.length / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

const DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/** Windows cannot make a folder of these names (in any case, with any extension), so a site holding one cannot be copied there. */
export function isDeviceName(slug: string): boolean {
  return DEVICE_NAMES.test(slug);
}

/**
 * A story's slug as its file or its `slug:` spells it: case, `_`, `.` and `~` kept (old URLs have
 * them), letters of every script kept, any other run of characters made one hyphen.
 */
export function storySlug(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_.~]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The slug a story file gives: its name without the extension and a leading `YYYY-MM-DD-` (Jekyll's
 * posts); a page bundle's `index.md` gives its folder's name. Never the headline: editing a
 * headline never moves a story.
 */
export function fileSlug(file: string): string {
  const parts = file.split('/');
  let name = (parts.at(-1) ?? '').replace(/\.(md|markdown)$/i, '');
  if (name === 'index' && parts.length > 1) name = parts.at(-2) ?? name;
  return storySlug(name.replace(/^\d{4}-\d{2}-\d{2}-/, ''));
}

/** Why a story slug cannot be a folder of the site, or undefined when it can. */
export function slugProblem(slug: string): string | undefined {
  if (slug === '') return 'is empty';
  if (storySlug(slug) !== slug) return 'has characters a URL slug cannot have';
  if (slug.startsWith('.')) return 'starts with "."';
  if (isDeviceName(slug)) return 'is a reserved device name on Windows';
  if (Buffer.byteLength(slug) > MAX_SLUG_BYTES) return `is longer than ${MAX_SLUG_BYTES} bytes, more than a folder name can hold`;
  return undefined;
}

/** A slug an author may write by hand (see slugProblem). */
export function isValidSlug(slug: string): boolean {
  return slugProblem(slug) === undefined;
}
