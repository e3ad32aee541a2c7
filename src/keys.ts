// Every key of Gazette's is made here: a hash of what a thing was made from, so that two things
// with one key are the same. Parts are framed by their length, so that no two lists of parts give
// one key ("ab" + "c" is not "a" + "bc"). Keys are hexadecimal: they name files on disks that
// ignore case.

import { createHash, type Hash } from 'node:crypto';

export type KeyPart = string | Uint8Array;

/** A key made a part at a time, for keys of many parts (every file of a site, every document of an index). */
export interface KeyMaker {
  add(part: KeyPart): KeyMaker;
  key(): string;
}

export function keyMaker(): KeyMaker {
  const hash: Hash = createHash('sha1');
  const maker: KeyMaker = {
    add(part) {
      const length = typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
      hash.update(`${length}:`).update(part);
      return maker;
    },
    key: () => hash.digest('hex'),
  };
  return maker;
}

/** The key of these parts, in order. */
export function keyOf(...parts: KeyPart[]): string {
  const maker = keyMaker();
  for (const part of parts) maker.add(part);
  return maker.key();
}

/** The key of a value's JSON (a LazyHtml stands as its hash there, a card as its key). */
export function keyOfJson(value: unknown): string {
  return keyOf(JSON.stringify(value) ?? 'undefined');
}
