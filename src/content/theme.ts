// Read the theme in two layers: the packaged theme, and over it the site's templates folder, whose
// files each replace the packaged one of the same name. The theme is every Liquid template, the email
// edition's stylesheet (`email.css`, inlined into the emails, never published) and the static files
// to copy (the theme's `assets/` to `/assets/`, the site's `static/` folder to the site root). The
// translation tables (`i18n/`) are read with the configuration (config-words.ts).

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
  /** Template name to its file as messages name it: the site's (`templates/story.liquid`) or the packaged theme's. */
  origins: Record<string, string>;
  /** The site's templates folder relative to the project root, for messages. */
  label: string;
  /** The text of `email.css`, empty when the theme has none. */
  emailCss: string;
  staticFiles: StaticFile[];
}

export const EMAIL_CSS = 'email.css';

/** The layers of the theme, the site's first (`templatesDir`, which may be missing) and the packaged theme's last. */
export function themeLayers(config: { templatesDir: string; themeDir: string }): string[] {
  return [...new Set([path.resolve(config.templatesDir), path.resolve(config.themeDir)])];
}

/** Each file of the theme (relative name) to the absolute file that gives it, the first layer's that has it; undefined without any layer. */
export function themeFiles(root: string, layers: readonly string[]): Map<string, string> | undefined {
  let files: Map<string, string> | undefined;
  for (const layer of [...layers].reverse()) {
    const names = listFolder(layer, root, isHidden);
    if (names === undefined) continue;
    files ??= new Map();
    for (const name of names) files.set(name, path.join(layer, name));
  }
  return files;
}

/** `siteLayerRequired`: the site's layer (the first) must be there. */
export async function loadTheme(root: string, layers: readonly string[], staticDir: string, siteLayerRequired = false): Promise<Theme> {
  const label = displayPath(root, layers[0] ?? root);
  const files = themeFiles(root, layers);
  if (files === undefined || (siteLayerRequired && themeFiles(root, layers.slice(0, 1)) === undefined)) {
    throw new GazetteError({ code: 'template-missing', file: label, message: 'the templates folder does not exist', hint: 'check the "templates" setting' });
  }
  const templates: Record<string, string> = {};
  const origins: Record<string, string> = {};
  for (const [name, file] of files) {
    if (!name.endsWith('.liquid')) continue;
    templates[name] = await readThemeFile(root, file);
    origins[name] = displayPath(root, file);
  }
  const emailCssFile = files.get(EMAIL_CSS);
  const emailCss = emailCssFile === undefined ? '' : await readThemeFile(root, emailCssFile);
  const assets = [...files].filter(([name]) => name.startsWith(ASSETS_FOLDER)).map(([name, from]) => ({ from, to: name }));
  const statics = (listFolder(staticDir, root, isHidden) ?? []).map((name) => ({ from: path.join(staticDir, name), to: name }));
  return { templates, origins, label, emailCss, staticFiles: [...assets, ...statics] };
}

/** A theme file as messages name it: from the project root when it is inside, else in full. */
function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
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
