// What Gazette makes of an image file, with sharp: its format and size, and the narrower copies a
// browser picks from (`srcset`). JPEG, PNG and WebP get copies 480, 960, 1200 and 1600 pixels wide (never
// wider than the original), in their own format, so that feed readers and mail programs that know
// no WebP still show them; an SVG drawing is drawn into PNG copies at those widths, as a drawing
// published as it is could run script on the site; GIF (maybe animated) and AVIF are published as they are.

import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';

// 1200 is the email's copy: its 600-pixel sheet on a screen of twice the density (render/email.ts).
const VARIANT_WIDTHS = [480, 960, 1200, 1600] as const;

/**
 * Everything that decides a variant's bytes besides the source: change it (or how a drawing is
 * drawn, below) and every image is made again. An SVG drawing's copies use the PNG settings.
 */
const RECIPE = {
  version: 1,
  widths: VARIANT_WIDTHS,
  jpeg: { quality: 80, mozjpeg: true },
  png: { compressionLevel: 9 },
  webp: { quality: 80 },
  libraries: `sharp ${sharp.versions.sharp} vips ${sharp.versions.vips}`,
};
const RECIPE_TEXT = JSON.stringify(RECIPE);

/** The formats Gazette makes copies of. */
export type ResizedFormat = 'jpeg' | 'png' | 'webp' | 'svg';
export type ImageFormat = ResizedFormat | 'gif' | 'avif';

const RESIZED: readonly string[] = ['jpeg', 'png', 'webp', 'svg'] satisfies ResizedFormat[];
const AS_IS: readonly string[] = ['gif', 'avif'];
/** The extension of the files published of each format: an SVG drawing's copies are PNG pictures. */
const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', avif: 'avif', svg: 'png' };

/** A drawing's copies are as wide as a photo's: one much taller than wide would give pictures too large to publish. */
const MOST_DRAWING_HEIGHT_PER_WIDTH = 10;

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

/**
 * The file cannot be read as an image Gazette publishes: `reason` says why, for the author, and
 * `hint` what to do when saving it again is not the answer.
 */
export class ImageUnreadable extends Error {
  readonly hint: string | undefined;
  constructor(
    readonly reason: string,
    options?: ErrorOptions & { hint?: string },
  ) {
    super(reason, options);
    this.hint = options?.hint;
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
  if (format === 'svg') return drawingInfo(metadata);
  // EXIF orientations 5 to 8 turn the picture a quarter: it is shown (and published) upright.
  const turned = (metadata.orientation ?? 1) >= 5;
  return {
    format: format as ImageFormat,
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
  };
}

/** An SVG drawing's size, in CSS pixels as librsvg reads it (its width and height, or its viewBox). */
function drawingInfo({ width, height }: Metadata): ImageInfo {
  if (!width || !height)
    throw new ImageUnreadable('it is an SVG drawing without a width and height', { hint: 'give its <svg> element a width and height, or a viewBox' });
  if (height > width * MOST_DRAWING_HEIGHT_PER_WIDTH) {
    throw new ImageUnreadable(`it is an SVG drawing more than ${MOST_DRAWING_HEIGHT_PER_WIDTH} times as tall as it is wide (${width} by ${height})`, {
      hint: 'split it into several drawings, or export it as PNG',
    });
  }
  return { format: 'svg', width, height };
}

/** Whether Gazette makes copies of the image, or publishes it as it is. */
export function isResized(info: ImageInfo): info is ImageInfo & { format: ResizedFormat; width: number; height: number } {
  return RESIZED.includes(info.format) && info.width !== undefined && info.height !== undefined;
}

/**
 * The copies of an image, narrowest first; the last is the image at its largest (at most 1600
 * wide). A drawing has no pixels of its own: it is drawn sharp at every width, whatever its size.
 */
export function variantsOf(info: ImageInfo & { width: number; height: number }): Variant[] {
  const widths = info.format === 'svg' ? VARIANT_WIDTHS : [...new Set(VARIANT_WIDTHS.map((width) => Math.min(width, info.width)))];
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
export async function encodeVariant(bytes: Uint8Array, info: ImageInfo & { format: ResizedFormat; width: number }, variant: Variant): Promise<Buffer> {
  const source = info.format === 'svg' ? drawnAt(bytes, info.width, variant.width) : sharp(bytes).rotate();
  const image = source.resize({ width: variant.width, height: variant.height, fit: 'fill' });
  try {
    if (info.format === 'jpeg') return await image.jpeg(RECIPE.jpeg).toBuffer();
    if (info.format === 'png' || info.format === 'svg') return await image.png(RECIPE.png).toBuffer();
    return await image.webp(RECIPE.webp).toBuffer();
  } catch (error) {
    throw new ImageUnreadable(`the image is damaged (${firstLine(error)})`, { cause: error });
  }
}

/**
 * A drawing drawn by librsvg at about `width` pixels wide (resizing gives the exact size). It is
 * read from memory, with no file or address to resolve its references from, so librsvg loads
 * nothing the drawing names (files beside it or anywhere, http addresses) but `data:` images; it
 * runs no script, and shows no HTML of a foreignObject.
 */
function drawnAt(bytes: Uint8Array, ownWidth: number, width: number) {
  // sharp reads a drawing's CSS pixels at 72 dots per inch, and takes 1 to 100,000.
  const density = Math.min(100_000, Math.max(1, (72 * width) / ownWidth));
  return sharp(bytes, { density });
}

/** libvips' message, once: copies made at the same time can repeat the same line in one message. */
function firstLine(error: unknown): string {
  return (
    String((error as Error).message)
      .split('\n')[0]
      ?.trim() ?? ''
  );
}
