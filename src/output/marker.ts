// The marker file that says an output folder is Gazette's own, written anew by every build: its
// identity tells a later build whether the folder is still as the last build left it.

import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Marks a folder as Gazette's own, so that it may be replaced on the next build. */
export const OUTPUT_MARKER = '.gazette-output';

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
