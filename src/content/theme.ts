// Read the theme: every Liquid template in the templates folder, the email edition's stylesheet
// (`email.css`, inlined into the emails, never published), and the static files to copy (the
// theme's `assets/` to `/assets/`, the site's `static/` folder to the site root).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../errors.js';
import { keyOfBytes } from '../output/files.js';
import { ASSETS_FOLDER } from '../urls/paths.js';
import { listFolder, unreadable } from './files.js';

export interface StaticFile {
  /** Absolute path of the file to copy. */
  from: string;
  /** Path in the output folder, with `/` separators. */
  to: string;
}

export interface Theme {
  /** Template name (`layouts/base.liquid`) to its text. */
  templates: Record<string, string>;
  /** Folder of the templates relative to the project root, for messages. */
  label: string;
  /** The text of `email.css`, empty when the theme has none. */
  emailCss: string;
  staticFiles: StaticFile[];
}

export const EMAIL_CSS = 'email.css';

export async function loadTheme(root: string, templatesDir: string, staticDir: string): Promise<Theme> {
  const label = path.relative(root, templatesDir).split(path.sep).join('/') || '.';
  const files = listFolder(templatesDir, root, isHidden);
  if (files === undefined) {
    throw new GazetteError({ code: 'template-missing', file: label, message: 'the templates folder does not exist', hint: 'check the "templates" setting' });
  }
  const read = (file: string) => readThemeFile(root, path.join(templatesDir, file));
  const templates: Record<string, string> = {};
  for (const file of files.filter((name) => name.endsWith('.liquid'))) templates[file] = await read(file);
  const emailCss = files.includes(EMAIL_CSS) ? await read(EMAIL_CSS) : '';
  const assets = files.filter((name) => name.startsWith(ASSETS_FOLDER)).map((name) => ({ from: path.join(templatesDir, name), to: name }));
  const statics = (listFolder(staticDir, root, isHidden) ?? []).map((name) => ({ from: path.join(staticDir, name), to: name }));
  return { templates, label, emailCss, staticFiles: [...assets, ...statics] };
}

/** Hidden files and folders are an editor's or a tool's, never the site's. */
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

async function readThemeFile(root: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw unreadableFile(root, file, cause);
  }
}

/** A file of the templates or static folder that cannot be read. */
export function unreadableFile(root: string, file: string, cause: unknown): GazetteError {
  return new GazetteError({
    code: 'content-unreadable',
    file: path.relative(root, file).split(path.sep).join('/'),
    message: `cannot read the file: ${unreadable(cause)}`,
    hint: 'let the user who builds the site read it, or move it out',
    cause,
  });
}

/** The theme's assets and the site's static files, each read to name its bytes, as the writer copies them. */
export async function* staticCopies(theme: Theme, root: string): AsyncGenerator<{ from: string; path: string; key: string }> {
  for (const file of theme.staticFiles) {
    const bytes = await readFile(file.from).catch((cause: unknown) => {
      throw unreadableFile(root, file.from, cause);
    });
    yield { from: file.from, path: file.to, key: keyOfBytes(bytes) };
  }
}
