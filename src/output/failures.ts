// A failure to write the site, named by the output path it was for.

import path from 'node:path';
import { GazetteError } from '../errors.js';
import { KeptFileMissing } from './files.js';

/** A failure to write, named by the output path it was for (a file in the temporary folder is named as in dist/). */
export function outputFailed(error: unknown, root: string, outDir: string, staging?: string): unknown {
  if (error instanceof GazetteError || error instanceof KeptFileMissing) return error;
  const cause = error as NodeJS.ErrnoException;
  const failed = staging && cause.path && contains(staging, cause.path) ? path.join(outDir, path.relative(staging, cause.path)) : (cause.path ?? outDir);
  return writeFailed(cause, path.relative(root, failed) || failed);
}

/** A failure to write the site, named by the file (or the output folder) it was for. */
export function writeFailed(cause: NodeJS.ErrnoException, file: string): GazetteError {
  return new GazetteError({
    code: 'output-failed',
    file,
    message: `cannot write the site: ${cause.code ?? cause.message}`,
    hint:
      cause.code === 'ENOSPC'
        ? 'the disk is full'
        : cause.code === 'EACCES' || cause.code === 'EPERM' || cause.code === 'EROFS'
          ? 'the output folder is not writable'
          : undefined,
    cause,
  });
}

function contains(parent: string, child: string): boolean {
  const relation = path.relative(parent, child);
  return relation === '' || (!relation.startsWith('..') && !path.isAbsolute(relation));
}
