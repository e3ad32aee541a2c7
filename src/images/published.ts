// A published image as pages, feeds and emails show it, and the files a picture of the content
// folder is published as: under `/images/<hash>/`, in its copies, each with its size in bytes.

import { statSync } from 'node:fs';
import path from 'node:path';
import { imageKind } from '../urls/links.js';
import { IMAGES_FOLDER } from '../urls/paths.js';
import { isDeviceName, slugify } from '../urls/slug.js';
import type { ImageStore, VariantBytes } from './store.js';
import { extensionOf, type ImageInfo, isResized, variantsOf } from './variants.js';

/** An image as pages and feeds show it. */
export interface PublishedImage {
  /** A site path (`images/…/photo-1600.jpg`, no leading slash) or an address elsewhere (`https://…`). */
  src: string;
  width: number | undefined;
  height: number | undefined;
  /** The size of `src` in bytes (a feed's enclosure gives it), when Gazette has the file. */
  bytes: number | undefined;
  /** The copies a browser chooses from, narrowest first (the last is `src`); none for an image as it is. */
  srcset: { src: string; width: number; bytes: number | undefined }[];
  /** Gazette published the file (from the content folder): `src` is its own. */
  copied: boolean;
}

/** An image as its story wrote it, for a story whose images were not published (as in some tests). */
export function publishedAsWritten(src: string): PublishedImage {
  return { src: imageKind(src) === 'site' ? src.slice(1) : src, width: undefined, height: undefined, bytes: undefined, srcset: [], copied: false };
}

/** A file of the published images; `bytes` says where to find them when they must be written. */
export interface ImageOutput {
  path: string;
  key: string;
  bytes(): VariantBytes;
}

/** The image's files in the site, added to `outputs`, and how pages show it. */
export function publishFile(file: string, key: string, info: ImageInfo, store: ImageStore, outputs: Map<string, ImageOutput>): PublishedImage {
  const folder = `${IMAGES_FOLDER}${key.slice(0, 16)}/`;
  const stem = fileStem(file);
  const extension = extensionOf(info.format);
  if (!isResized(info)) {
    const sitePath = `${folder}${stem}.${extension}`;
    outputs.set(sitePath, { path: sitePath, key: `image:${key}`, bytes: () => ({ from: file }) });
    return { src: sitePath, width: info.width, height: info.height, bytes: fileBytes(file), srcset: [], copied: true };
  }
  const srcset = variantsOf(info).map((variant) => {
    const sitePath = `${folder}${stem}-${variant.width}.${extension}`;
    const bytes = () => store.variant(key, info, variant);
    outputs.set(sitePath, { path: sitePath, key: `image:${key}:${variant.width}`, bytes });
    return { src: sitePath, width: variant.width, height: variant.height, bytes: lengthOf(bytes) };
  });
  const largest = srcset.at(-1) as (typeof srcset)[number];
  return {
    src: largest.src,
    width: largest.width,
    height: largest.height,
    bytes: largest.bytes,
    srcset: srcset.map(({ src, width, bytes }) => ({ src, width, bytes })),
    copied: true,
  };
}

/** A file's size in bytes; undefined when it is not there. */
export function fileBytes(file: string): number | undefined {
  return statSync(file, { throwIfNoEntry: false })?.size;
}

/** The size of a copy; undefined when none was made (`gazette check` only measures). */
function lengthOf(bytes: () => VariantBytes): number | undefined {
  let found: VariantBytes;
  try {
    found = bytes();
  } catch {
    return undefined;
  }
  return 'bytes' in found ? found.bytes.length : fileBytes(found.from);
}

/** The file's name as a URL slug: `Photo Ñ 1.JPG` gives `photo-n-1`. */
function fileStem(file: string): string {
  const stem =
    slugify(path.basename(file, path.extname(file)))
      .slice(0, 80)
      .replace(/-+$/, '') || 'image';
  return isDeviceName(stem) ? `image-${stem}` : stem;
}
