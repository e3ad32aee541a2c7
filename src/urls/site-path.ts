// The paths an author may give a story by hand (`url:`) or keep as old URLs (`aliases:`): kept
// exactly, capitals, underscores and dots included, as long as no server or disk can read them as
// something else. One grammar for both, checked as the server will read them, escapes decoded.

import { isDeviceName, MAX_SLUG_BYTES } from './slug.js';

// `%` after decoding: a path decoded twice would be another path. The rest: what URLs or Windows
// disks reserve.
const RESERVED = /[?#\\%<>"|*:\u0000-\u001f\u007f]/;

/** A safe site path from `/…` (returned without its leading slash, escapes decoded), or why not. */
export function readSitePath(written: string): { path: string } | { problem: string } {
  if (!written.startsWith('/')) return { problem: 'does not start with "/"' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(written).normalize('NFC');
  } catch {
    return { problem: 'has a broken percent-escape (write % as %25)' };
  }
  const path = decoded.slice(1);
  if (path === '') return { problem: 'is the front page' };
  if (RESERVED.test(decoded)) return { problem: 'has a character a URL path or a file name cannot hold (? # \\ % < > " | * : or a control character)' };
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  for (const segment of segments) {
    if (segment === '') return { problem: 'has an empty segment ("//")' };
    if (segment === '.' || segment === '..') return { problem: `has a "${segment}" segment` };
    if (isDeviceName(segment)) return { problem: `has "${segment}", a reserved device name on Windows` };
    if (Buffer.byteLength(segment) > MAX_SLUG_BYTES) return { problem: `has a segment longer than ${MAX_SLUG_BYTES} bytes` };
  }
  return { path };
}

/**
 * The page a `url:` gives a story: a path ending in `/` or `.html`/`.htm` as it is, any other a
 * folder (`/blog/post` is served at `/blog/post/`; hosts that answer the bare path do so themselves).
 */
export function pagePath(sitePath: string): string {
  return sitePath.endsWith('/') || /\.html?$/i.test(sitePath) ? sitePath : `${sitePath}/`;
}
