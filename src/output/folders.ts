// The output folder's guards: what folder Gazette may replace, and that every file lands inside it.

import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config-types.js';
import { GazetteError } from '../errors.js';
import { OUTPUT_MARKER } from '../urls/paths.js';
import { outputFailed } from './failures.js';

export type Folders = Pick<Config, 'root' | 'outDir' | 'contentDir' | 'templatesDir' | 'staticDir'>;

/** Resolve a site path inside the output folder; anything that would land outside is refused. */
export function inside(folder: string, sitePath: string): string {
  const target = path.resolve(folder, sitePath);
  if (!target.startsWith(folder + path.sep)) {
    throw new GazetteError({ code: 'output-unsafe', file: sitePath, message: 'would be written outside the output folder' });
  }
  return target;
}

/** Refuses an output folder Gazette may not replace (see the README's Building safely). */
export async function checkOutputFolder(folders: Folders): Promise<void> {
  const out = path.resolve(folders.outDir);
  const refuse = (message: string, hint: string) => {
    throw new GazetteError({ code: 'output-unsafe', file: path.relative(folders.root, out) || out, field: 'output', message, hint });
  };
  const guarded: [string, string][] = [
    ['the project folder', folders.root],
    ['the content folder', folders.contentDir],
    ['the templates folder', folders.templatesDir],
    ['the static folder', folders.staticDir],
  ];
  // Compared as written and with symbolic links resolved: content/ may be a link into dist/.
  const realOut = path.join(await realFolder(path.dirname(out)), path.basename(out));
  for (const [name, folder] of guarded) {
    for (const [output, resolved] of [
      [out, path.resolve(folder)],
      [realOut, await realFolder(folder)],
    ] as const) {
      if (contains(output, resolved)) refuse(`the output folder is ${name} or contains it`, 'choose a separate folder such as dist/');
      if (name !== 'the project folder' && contains(resolved, output)) refuse(`the output folder is inside ${name}`, 'choose a separate folder such as dist/');
    }
  }
  const found = await lstat(out).catch(() => undefined);
  if (found === undefined) return;
  if (found.isSymbolicLink()) {
    refuse('the output folder is a symbolic link', 'Gazette replaces its output folder whole, and would replace the link: give the real folder');
  }
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') refuse('the output folder is a file', 'choose a folder such as dist/');
    throw outputFailed(error, folders.root, out);
  }
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    refuse(
      'the output folder already holds files that Gazette did not write',
      `Gazette replaces its output whole; empty the folder or choose another (it marks its own with ${OUTPUT_MARKER})`,
    );
  }
}

export async function realFolder(folder: string): Promise<string> {
  return realpath(folder).catch(() => path.resolve(folder));
}

export function contains(parent: string, child: string): boolean {
  const relation = path.relative(parent, child);
  return relation === '' || (!relation.startsWith('..') && !path.isAbsolute(relation));
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
