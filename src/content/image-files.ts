// Find the file a story's image names: its path is read from the story's folder, and must stay in
// the content folder, after percent-escapes are decoded and symbolic links followed.

import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProblemInit } from '../errors.js';

/** `file` is the path as written (as a watcher names it), `real` the file it is, links followed. */
export type LocatedImage = { file: string; real: string } | { problem: Pick<ProblemInit, 'code' | 'message' | 'hint'> };

const INSIDE_HINT = "keep the story's images in the content folder, and give their path from the story's folder";

/**
 * The absolute path of the image file `url` names, written in the story `storyFile` (absolute), or
 * what is wrong with it. `shown` gives a path as messages print it.
 */
export async function locateStoryImage(url: string, storyFile: string, contentDir: string, shown: (file: string) => string): Promise<LocatedImage> {
  const quoted = JSON.stringify(url);
  const written = url.replace(/[?#].*$/s, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(written);
  } catch {
    return { problem: { code: 'url-unsafe', message: `image ${quoted} has a broken percent-escape`, hint: 'write % as %25' } };
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) {
    return {
      problem: { code: 'url-unsafe', message: `image ${quoted} is not a file path`, hint: 'separate folders with /, and leave out control characters' },
    };
  }
  const file = path.resolve(path.dirname(storyFile), decoded);
  if (!isInside(contentDir, file)) {
    return { problem: { code: 'url-unsafe', message: `image ${quoted} is outside the content folder`, hint: INSIDE_HINT } };
  }
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return {
      problem: {
        code: 'image-missing',
        message: `image ${quoted} not found (no file ${shown(file)})`,
        hint: "put the image in the story's folder, or correct its path (it is read from the story's folder)",
      },
    };
  }
  if (!isInside(await realpath(contentDir), real)) {
    return { problem: { code: 'url-unsafe', message: `image ${quoted} is a link to a file outside the content folder`, hint: INSIDE_HINT } };
  }
  if (!(await stat(real)).isFile()) {
    return { problem: { code: 'image-missing', message: `image ${quoted} is a folder, not a file (${shown(file)})`, hint: 'name the image file' } };
  }
  return { file, real };
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
