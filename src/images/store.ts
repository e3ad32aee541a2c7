// The images part of the build cache: what each image is (format, size) and the copies made of it,
// by a key of its bytes and the recipe (src/images/variants.ts), so that an unchanged image is never
// encoded again. On disk in the cache folder's `images/`; in memory for `--no-cache` and `check`.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extensionOf, type ImageFormat, type ImageInfo, isResized, type Variant, variantsOf } from './variants.js';

/** Where a copy's bytes are: a file to copy, or bytes held in memory. */
export type VariantBytes = { from: string } | { bytes: Buffer };

export interface ImageStore {
  /** What a run learnt of the image with this key, when its copies (if it has any) are all kept. */
  find(key: string): ImageInfo | undefined;
  /** Keep what was learnt of an image, and the copies made of it, in the order of variantsOf. */
  keep(key: string, info: ImageInfo, copies: readonly Buffer[]): void;
  /** The bytes of a kept copy. */
  variant(key: string, info: ImageInfo, variant: Variant): VariantBytes;
  /** Keep the images found by this run (find or keep) for the next one, and forget the others. */
  save(): Promise<void>;
}

type Entry = [format: ImageFormat, width: number | null, height: number | null];

export function memoryImageStore(): ImageStore {
  const entries = new Map<string, { info: ImageInfo; copies: readonly Buffer[] }>();
  return {
    find: (key) => entries.get(key)?.info,
    keep: (key, info, copies) => void entries.set(key, { info, copies }),
    variant(key, info, variant) {
      const index = isResized(info) ? variantsOf(info).findIndex((each) => each.width === variant.width) : -1;
      const bytes = entries.get(key)?.copies[index];
      if (bytes === undefined) throw new Error(`no ${variant.width} pixels wide copy of image ${key}`);
      return { bytes };
    },
    save: async () => undefined,
  };
}

export function diskImageStore(folder: string): ImageStore {
  const manifestFile = path.join(folder, 'images.json');
  let known: Record<string, Entry>;
  try {
    known = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Entry>;
  } catch {
    known = {};
  }
  let used = new Map<string, Entry>();
  const fileOf = (key: string, format: ImageFormat, width: number) => path.join(folder, key.slice(0, 2), `${key}-${width}.${extensionOf(format)}`);
  const filesOf = (key: string, info: ImageInfo) => (isResized(info) ? variantsOf(info).map((variant) => fileOf(key, info.format, variant.width)) : []);
  const infoOf = ([format, width, height]: Entry): ImageInfo => ({ format, width: width ?? undefined, height: height ?? undefined });

  return {
    find(key) {
      const entry = used.get(key) ?? known[key];
      if (entry === undefined) return undefined;
      const info = infoOf(entry);
      // A copy removed by hand (or by a crash) is made again.
      if (!filesOf(key, info).every((file) => existsSync(file))) return undefined;
      used.set(key, entry);
      return info;
    },
    keep(key, info, copies) {
      filesOf(key, info).forEach((file, index) => {
        mkdirSync(path.dirname(file), { recursive: true });
        // Written aside and renamed, so that a build killed while writing never leaves half a copy.
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, copies[index] as Buffer);
        renameSync(temporary, file);
      });
      used.set(key, [info.format, info.width ?? null, info.height ?? null]);
    },
    variant: (key, info, variant) => ({ from: fileOf(key, info.format, variant.width) }),
    async save() {
      const dropped = Object.entries(known).filter(([key]) => !used.has(key));
      mkdirSync(folder, { recursive: true });
      const temporary = `${manifestFile}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(Object.fromEntries(used)));
      await rename(temporary, manifestFile);
      for (const [key, entry] of dropped) {
        for (const file of filesOf(key, infoOf(entry))) await rm(file, { force: true });
      }
      known = Object.fromEntries(used);
      used = new Map();
    },
  };
}
