// What Gazette makes of an image file, with sharp: its format and size, and the narrower copies a
// browser picks from (`srcset`). JPEG, PNG and WebP get copies 480, 960 and 1600 pixels wide (never
// wider than the original), in their own format, so that feed readers and mail programs that know
// no WebP still show them; GIF (maybe animated), AVIF and SVG are published as they are.

import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';

const VARIANT_WIDTHS = [480, 960, 1600] as const;

/** Everything that decides a variant's bytes besides the source: change it and every image is made again. */
const RECIPE = {
  version: 1,
  widths: VARIANT_WIDTHS,
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 9 },
  webp: { quality: 80 },
  libraries: `sharp ${sharp.versions.sharp} vips ${sharp.versions.vips}`,
};
const RECIPE_TEXT = JSON.stringify(RECIPE);

export type ResizedFormat = 'jpeg' | 'png' | 'webp';
export type ImageFormat = ResizedFormat | 'gif' | 'avif' | 'svg';

const RESIZED: readonly string[] = ['jpeg', 'png', 'webp'] satisfies ResizedFormat[];
const AS_IS: readonly string[] = ['gif', 'avif', 'svg'];
const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', avif: 'avif', svg: 'svg' };

/** An image as Gazette publishes it: width and height as shown (after the camera's rotation). */
export interface ImageInfo {
  format: ImageFormat;
  width: number | undefined;
  height: number | undefined;
}

export interface Variant {
  width: number;
  height: number;
}

/** The file cannot be read as an image Gazette publishes; `reason` says why, for the author. */
export class ImageUnreadable extends Error {
  constructor(readonly reason: string, options?: ErrorOptions) {
    super(reason, options);
  }
}

// sharp's own cache of decoded images only grows a long build's memory: each image is read once.
sharp.cache(false);

/** Names an image's bytes as this recipe makes them: the cache key and (shortened) its URL folder. */
export function imageKey(bytes: Uint8Array): string {
  return createHash('sha256').update(RECIPE_TEXT).update('\n').update(bytes).digest('hex');
}

export async function readImageInfo(bytes: Uint8Array): Promise<ImageInfo> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (error) {
    throw new ImageUnreadable(`it is not an image sharp can read (${firstLine(error)})`, { cause: error });
  }
  const format = metadata.format === 'heif' && metadata.compression === 'av1' ? 'avif' : metadata.format;
  if (!RESIZED.includes(format) && !AS_IS.includes(format)) {
    throw new ImageUnreadable(`it is a ${format.toUpperCase()} image, which browsers do not show`);
  }
  // EXIF orientations 5 to 8 turn the picture a quarter: it is shown (and published) upright.
  const turned = (metadata.orientation ?? 1) >= 5;
  return {
    format: format as ImageFormat,
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
  };
}

/** Whether Gazette makes narrower copies of the image, or publishes it as it is. */
export function isResized(info: ImageInfo): info is ImageInfo & { format: ResizedFormat; width: number; height: number } {
  return RESIZED.includes(info.format) && info.width !== undefined && info.height !== undefined;
}

/** The copies of an image, narrowest first; the last is the image at its largest (at most 1600 wide). */
export function variantsOf(info: ImageInfo & { width: number; height: number }): Variant[] {
  const widths = [...new Set(VARIANT_WIDTHS.map((width) => Math.min(width, info.width)))];
  return widths.map((width) => ({ width, height: Math.max(1, Math.round((info.height * width) / info.width)) }));
}

export function extensionOf(format: ImageFormat): string {
  return EXTENSIONS[format];
}

/**
 * Encode one copy. Metadata (EXIF, camera, location, colour profile) is left out: it is not needed
 * to show the picture, can say more than the author meant to publish, and the bytes stay the same
 * from build to build. The exact size is asked for, so that the page's width and height are true.
 */
export async function encodeVariant(bytes: Uint8Array, format: ResizedFormat, variant: Variant): Promise<Buffer> {
  const image = sharp(bytes).rotate().resize({ width: variant.width, height: variant.height, fit: 'fill' });
  try {
    if (format === 'jpeg') return await image.jpeg(RECIPE.jpeg).toBuffer();
    if (format === 'png') return await image.png(RECIPE.png).toBuffer();
    return await image.webp(RECIPE.webp).toBuffer();
  } catch (error) {
    throw new ImageUnreadable(`the image is damaged (${firstLine(error)})`, { cause: error });
  }
}

/** libvips' message, once: copies made at the same time can repeat the same line in one message. */
function firstLine(error: unknown): string {
  return String((error as Error).message).split('\n')[0]?.trim() ?? '';
}
