// The images stage, after Markdown: every story image (the front-matter `image` and the images of
// the body) is found, measured and, for a file beside the story, published under
// `/images/<hash>/` with its narrower copies. The folder is named by the image's bytes, so a changed
// picture gets a new URL (no browser or feed reader shows the old one), a picture used twice is
// published once, and a story's new slug does not move its pictures.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config-types.js';
import { locateStoryImage } from '../content/image-files.js';
import { GazetteError, type ProblemInit } from '../errors.js';
import type { BodyImage } from '../markdown/processor.js';
import type { Story } from '../model/types.js';
import { imageKind } from '../urls/links.js';
import { drawCopies } from './drawings.js';
import { fileBytes, type ImageOutput, type PublishedImage, publishedAsWritten, publishFile } from './published.js';
import type { ImageStore } from './store.js';
import { encodeVariant, type ImageInfo, ImageUnreadable, imageKey, isResized, readImageInfo, variantsOf } from './variants.js';

export interface StoryImages {
  cover: PublishedImage | undefined;
  /** By the index of each image in the body (BodyImage); undefined for an image elsewhere. */
  body: (PublishedImage | undefined)[];
}

export interface PublishedImages {
  images: Map<Story, StoryImages>;
  outputs: ImageOutput[];
  problems: GazetteError[];
  warnings: GazetteError[];
}

export interface ImagePublisher {
  /**
   * Publish the images of these stories. `stale` lists the files changed since the last call
   * (every file is read again when absent); `staticFiles` maps site paths to the files of static/.
   */
  publish(
    stories: readonly { story: Story; body: readonly BodyImage[] }[],
    staticFiles: ReadonlyMap<string, string>,
    store: ImageStore,
    stale: ReadonlySet<string> | undefined,
  ): Promise<PublishedImages>;
}

interface KnownImage {
  key: string;
  info: ImageInfo;
}

interface ImageFile {
  /** The path as the story names it, and the file it is (symbolic links followed). */
  file: string;
  real: string;
}

/** A reference to an image from a story, and where it is written, for messages. */
interface Reference {
  story: Story;
  url: string;
  line: number | undefined;
  column: number | undefined;
  field: string | undefined;
  set(image: PublishedImage | undefined): void;
}

/** Images encoded at once: sharp's work runs on libuv's threads (four by default). */
const AT_ONCE = 4;

/** `makeCopies: false` only reads each image's header (`gazette check`); its outputs are not to be written. */
export function createImagePublisher(config: Pick<Config, 'root' | 'contentDir'>, options: { makeCopies: boolean }): ImagePublisher {
  // Files measured by earlier calls, by absolute path: read again only when they (or the file a
  // link leads to) changed.
  const measured = new Map<string, KnownImage & { real: string }>();
  const shown = (file: string) => path.relative(config.root, file).split(path.sep).join('/');

  return {
    async publish(stories, staticFiles, store, stale) {
      for (const [file, known] of measured) {
        if (stale === undefined || stale.has(file) || stale.has(known.real)) measured.delete(file);
      }
      const images = new Map<Story, StoryImages>();
      const references: Reference[] = [];
      const warnings: GazetteError[] = [];
      for (const { story, body } of stories) {
        const published: StoryImages = { cover: undefined, body: body.map(() => undefined) };
        images.set(story, published);
        if (story.image) {
          const { place } = story.image;
          references.push({
            story,
            url: story.image.src,
            line: place?.line,
            column: place?.column,
            field: 'image.src',
            set: (image) => (published.cover = image),
          });
        }
        body.forEach((image, index) => {
          const line = story.bodyLine + image.line - 1;
          if (!image.hasAlt) warnings.push(noAltText(story, image, line));
          references.push({ story, url: image.url, line, column: image.column, field: undefined, set: (found) => (published.body[index] = found) });
        });
      }

      const problems: GazetteError[] = [];
      const files = new Map<string, { found: ImageFile; referencing: Reference[] }>();
      for (const reference of references) {
        const kind = imageKind(reference.url);
        if (kind === 'remote') reference.set(publishedAsWritten(reference.url));
        if (kind !== 'file') continue;
        const located = await locateStoryImage(reference.url, path.join(config.root, reference.story.file), config.contentDir, shown);
        if ('problem' in located) problems.push(problemAt(reference, located.problem));
        else files.set(located.file, { found: located, referencing: [...(files.get(located.file)?.referencing ?? []), reference] });
      }

      const outputs = new Map<string, ImageOutput>();
      await inBatches([...files.values()], AT_ONCE, async ({ found, referencing }) => {
        const file = found.real;
        let known: KnownImage;
        try {
          known = await measure(found, store);
          refuseDisguisedDrawing(found.file, known.info);
        } catch (error) {
          if (!(error instanceof ImageUnreadable)) throw error;
          for (const reference of referencing) {
            problems.push(
              problemAt(reference, {
                code: 'image-invalid',
                message: `image ${JSON.stringify(reference.url)} (${shown(file)}) cannot be published: ${error.reason}`,
                hint: error.hint ?? 'save it again as JPEG, PNG, WebP, AVIF, GIF or SVG',
              }),
            );
          }
          return;
        }
        const image = publishFile(file, known.key, known.info, store, outputs);
        for (const reference of referencing) reference.set(image);
      });

      for (const reference of references.filter((each) => imageKind(each.url) === 'site')) {
        reference.set(await publishSiteImage(reference.url, staticFiles));
      }
      return { images, outputs: [...outputs.values()].sort((a, b) => (a.path < b.path ? -1 : 1)), problems: sortedByPlace(problems), warnings };
    },
  };

  /** The image's key and size, and its copies made and kept (unless the store has them). */
  async function measure({ file, real }: ImageFile, store: ImageStore): Promise<KnownImage> {
    const remembered = measured.get(file);
    if (remembered && store.find(remembered.key)) return remembered;
    const bytes = await readFile(real);
    const key = imageKey(bytes);
    let info = store.find(key);
    if (info === undefined && !options.makeCopies) {
      // A check reads the header only: decoding the pixels would take as much memory as the
      // picture is large (hundreds of megabytes for a small PNG of a large, plain picture).
      info = await readImageInfo(bytes);
    } else if (info === undefined) {
      info = await readImageInfo(bytes);
      store.keep(key, info, await makeCopies(bytes, info));
    }
    measured.set(file, { key, info, real });
    return { key, info };
  }

  /** Site images (`/images/logo.svg`) keep their address, and gain their size when static/ has them. */
  async function publishSiteImage(url: string, staticFiles: ReadonlyMap<string, string>): Promise<PublishedImage> {
    const image = publishedAsWritten(url);
    let sitePath: string;
    try {
      sitePath = decodeURIComponent(url.replace(/[?#].*$/s, '').slice(1));
    } catch {
      return image;
    }
    const file = staticFiles.get(sitePath);
    if (file === undefined) return image;
    let info = measured.get(file)?.info;
    if (info === undefined) {
      try {
        const bytes = await readFile(file);
        info = await readImageInfo(bytes);
        measured.set(file, { key: imageKey(bytes), info, real: file });
      } catch {
        // Not an image sharp can measure: shown as it is, without a size.
        return image;
      }
    }
    return { ...image, width: info.width, height: info.height, bytes: fileBytes(file) };
  }
}

/** The copies of an image, in the order of variantsOf: a drawing's in a process of its own (images/drawings.ts). */
async function makeCopies(bytes: Buffer, info: ImageInfo): Promise<Buffer[]> {
  if (!isResized(info)) return [];
  const variants = variantsOf(info);
  if (info.format === 'svg') return drawCopies({ bytes, info: { ...info, format: 'svg' }, variants });
  return Promise.all(variants.map((variant) => encodeVariant(bytes, info, variant)));
}

/** Names that promise a picture of pixels. */
const PICTURE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif']);

/**
 * An SVG drawing named as a picture (`chart.gif`) is refused: such a name hides markup from
 * whoever checks files by their name. Other mismatches (a PNG named .jpg) are published under the
 * extension of what the file is.
 */
function refuseDisguisedDrawing(file: string, info: ImageInfo): void {
  const extension = path.extname(file).toLowerCase();
  if (info.format === 'svg' && PICTURE_EXTENSIONS.has(extension)) {
    throw new ImageUnreadable(`it is an SVG drawing, not the ${extension.slice(1).toUpperCase()} picture its name says`, {
      hint: `name it ${path.basename(file, path.extname(file))}.svg`,
    });
  }
}

function problemAt(reference: Reference, problem: Pick<ProblemInit, 'code' | 'message' | 'hint'>): GazetteError {
  const { story, line, column, field } = reference;
  return new GazetteError({ ...problem, file: story.file, line, column, field });
}

function noAltText(story: Story, image: BodyImage, line: number): GazetteError {
  return new GazetteError({
    code: 'field-invalid',
    file: story.file,
    line,
    column: image.column,
    message: `image ${JSON.stringify(image.url)} has no alt text`,
    hint: 'describe the picture between the brackets, for readers who cannot see it: ![A chart of oil output](chart.png)',
  });
}

function sortedByPlace(problems: GazetteError[]): GazetteError[] {
  return problems.sort((a, b) =>
    (a.file ?? '') < (b.file ?? '') ? -1 : (a.file ?? '') > (b.file ?? '') ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

async function inBatches<T>(items: readonly T[], width: number, operation: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += width) await Promise.all(items.slice(start, start + width).map(operation));
}
