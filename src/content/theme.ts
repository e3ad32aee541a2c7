// Read the theme: every Liquid template in the templates folder, the email edition's stylesheet
// (`email.css`, inlined into the emails, never published), and the static files to copy (the
// theme's `assets/` to `/assets/`, the site's `static/` folder to the site root).

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../errors.js';
import { filesAmong } from './files.js';

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
  const files = await listFiles(templatesDir);
  if (files === undefined) {
    throw new GazetteError({ code: 'template-missing', file: label, message: 'the templates folder does not exist', hint: 'check the "templates" setting' });
  }
  const templates: Record<string, string> = {};
  for (const file of files.filter((name) => name.endsWith('.liquid'))) {
    templates[file] = await readFile(path.join(templatesDir, file), 'utf8');
  }
  const emailCss = files.includes(EMAIL_CSS) ? await readFile(path.join(templatesDir, EMAIL_CSS), 'utf8') : '';
  const assets = files.filter((name) => name.startsWith('assets/')).map((name) => ({ from: path.join(templatesDir, name), to: name }));
  const statics = ((await listFiles(staticDir)) ?? []).map((name) => ({ from: path.join(staticDir, name), to: name }));
  return { templates, label, emailCss, staticFiles: [...assets, ...statics] };
}

/**
 * Files below a folder, relative and sorted, hidden ones left out; undefined when there is no folder.
 * Links to files are copied as the files they point to; links to folders are not walked.
 */
async function listFiles(folder: string): Promise<string[] | undefined> {
  try {
    if (!(await stat(folder)).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return (await filesAmong(folder, entries))
    .filter((name) => !name.split('/').some((part) => part.startsWith('.')))
    .sort();
}
