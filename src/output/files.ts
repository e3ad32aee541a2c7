// The files of a site as a build hands them to the writer: each named by a key of its bytes, so
// that a file the output folder already holds under the same key need not be written again.

import { readFile } from 'node:fs/promises';
import { keyOf } from '../keys.js';

/**
 * A file of the site. Its key names its bytes: two files with the same key have the same bytes.
 * A file without contents is one the output folder already holds under that key.
 */
export type OutputFile = TextFile | { path: string; contents: Uint8Array; key?: string } | KeptFile;

export interface TextFile {
  path: string;
  contents: string;
  key?: string;
}

export interface KeptFile {
  /** Path inside the output folder, with `/` separators. */
  path: string;
  key: string;
  contents?: undefined;
}

export interface CopiedFile {
  from: string;
  path: string;
  /** The key of the file's bytes, when the caller has read them. */
  key?: string;
}

/** What the output folder holds: the key of each file, by path. */
export type OutputState = Map<string, string>;

/** A kept file that is no longer in the output folder (someone removed it): build it again. */
export class KeptFileMissing extends Error {
  constructor(readonly sitePath: string) {
    super(`${sitePath} is no longer in the output folder`);
  }
}

/** The keys of a site's files (static files are read to hash them when their key is not given). */
export async function outputStateOf(files: readonly OutputFile[], copies: readonly CopiedFile[]): Promise<OutputState> {
  const state: OutputState = new Map();
  for (const file of files) state.set(file.path, file.contents === undefined ? file.key : (file.key ?? keyOfBytes(file.contents)));
  for (const copy of copies) state.set(copy.path, copy.key ?? keyOfBytes(await readFile(copy.from)));
  return state;
}

export function keyOfBytes(bytes: string | Uint8Array): string {
  return keyOf(bytes);
}

/** A file as a build made it, named by its inputs (see pages/plan.ts): what it was made from, and its key. */
export interface PageMade {
  inputs: string;
  key: string;
}
