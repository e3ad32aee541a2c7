// The marker file that says an output folder is Gazette's own, written anew by every build: its
// identity tells a later build whether the folder is still as the last build left it.

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_MARKER } from '../urls/paths.js';

export const MARKER_TEXT = 'Written by Gazette: every build replaces what this folder holds.\n';

/**
 * Names the output folder as the last build left it: its marker file, written anew by every build.
 * A later build may trust what it recorded about the folder only while this is unchanged.
 */
export async function outputIdentity(outDir: string): Promise<string | undefined> {
  try {
    const marker = await stat(path.join(outDir, OUTPUT_MARKER), { bigint: true });
    return `${marker.dev}:${marker.ino}:${marker.mtimeNs}`;
  } catch {
    return undefined;
  }
}
