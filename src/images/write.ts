// The published pictures' files, as the writer takes them: kept when the output folder holds them,
// else written from memory (a copy just made) or copied (a picture published as it is, a copy kept
// in the build cache).

import type { SiteWriter } from '../output/writer.js';
import type { ImageOutput } from './published.js';

export async function writePictures(outputs: readonly ImageOutput[], writer: SiteWriter): Promise<void> {
  for (const image of outputs) {
    if (writer.holds(image.path, image.key)) {
      await writer.add({ path: image.path, key: image.key });
      continue;
    }
    const bytes = image.bytes();
    if ('bytes' in bytes) await writer.add({ path: image.path, key: image.key, contents: bytes.bytes });
    else await writer.copy({ from: bytes.from, path: image.path, key: image.key });
  }
}
