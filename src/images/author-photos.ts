// The size of each author's photo from static/, so that author pages give it a width and height:
// a picture's header read by sharp (never decoded), a drawing's root element read as text.

import { open, readFile } from 'node:fs/promises';
import type { Author } from '../model/types.js';
import { imageKind } from '../urls/links.js';
import { DRAWING_HEAD_BYTES, type DrawingSize, drawingSize } from './drawing-size.js';
import { readImageInfo } from './variants.js';

/** By the photo's address as authors.yaml writes it; a photo elsewhere on the web is not fetched. */
export async function measureAuthorPhotos(authors: readonly Author[], staticFiles: ReadonlyMap<string, string>): Promise<Map<string, DrawingSize>> {
  const sizes = new Map<string, DrawingSize>();
  for (const photo of new Set(authors.map((author) => author.profile?.photo))) {
    if (photo === undefined || imageKind(photo) !== 'site') continue;
    let sitePath: string;
    try {
      sitePath = decodeURIComponent(photo.replace(/[?#].*$/s, '').slice(1));
    } catch {
      continue;
    }
    const file = staticFiles.get(sitePath);
    if (file === undefined) continue;
    const size = await measure(file);
    if (size) sizes.set(photo, size);
  }
  return sizes;
}

async function measure(file: string): Promise<DrawingSize | undefined> {
  if (file.toLowerCase().endsWith('.svg')) return drawingSize(await readHead(file));
  try {
    const { width, height } = await readImageInfo(await readFile(file));
    return width && height ? { width, height } : undefined;
  } catch {
    // Not a picture sharp reads: shown without a size.
    return undefined;
  }
}

async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(DRAWING_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, DRAWING_HEAD_BYTES, 0);
    return head.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
