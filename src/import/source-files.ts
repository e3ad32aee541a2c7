// Reading another generator's site, for the importers: its files listed (never written), a post
// split into front-matter and body with Gazette's own reader (YAML, TOML, JSON), and its
// configuration file read as data.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFolder } from '../content/files.js';
import { splitStory } from '../content/frontmatter.js';
import { readJson, readToml } from '../content/frontmatter-forms.js';
import { GazetteError } from '../errors.js';
import { parseYaml } from '../yaml.js';

/** Files below `folder`, relative, with `/`, sorted; none when there is no such folder. Dot-folders are not walked. */
export function filesBelow(folder: string): string[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return listFolder(folder, folder, (name) => name.startsWith('.')) ?? [];
}

/** A post's front-matter and body; a file without front-matter has none (`{}`) and all of it as body. */
export function readPost(absolute: string, file: string): { fields: Record<string, unknown>; body: string } {
  const text = readFileSync(absolute, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  if (!/^(---|\+\+\+|\{)/.test(text)) return { fields: {}, body: text };
  const split = splitStory(text, file);
  const value = split.frontMatter.value;
  return { fields: typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}, body: split.body };
}

/** The first of `names` in `root` that exists, read as YAML, TOML or JSON by its extension. */
export function readConfigFile(root: string, names: readonly string[]): Record<string, unknown> {
  for (const name of names) {
    const file = path.join(root, name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    try {
      const data = name.endsWith('.toml') ? readToml(text) : name.endsWith('.json') ? readJson(text) : parseYaml(text);
      return typeof data.value === 'object' && data.value !== null ? (data.value as Record<string, unknown>) : {};
    } catch (error) {
      throw new GazetteError({
        code: 'config-invalid',
        file,
        line: (error as { line?: number }).line,
        message: `cannot read the source site's configuration: ${(error as Error).message}`,
        cause: error,
      });
    }
  }
  return {};
}

/** A file's date prefix (`2020-10-03-` or Zola's `2020-10-03_`) and the name without it. */
export function datedName(name: string): { date: string | undefined; rest: string } {
  const match = /^(\d{4}-\d{2}-\d{2})[-_](.*)$/.exec(name);
  return match ? { date: match[1], rest: match[2] ?? '' } : { date: undefined, rest: name };
}

/** A date as the source wrote it, as ISO 8601 text Gazette reads (`2020-10-03 16:40:00 +0100` stays: Gazette reads it). */
export function dateText(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The files of a page bundle in `folder` (relative to it): its pictures and attachments, not other pages. */
export function bundleFiles(files: readonly string[], folder: string): string[] {
  return files.filter((file) => file.startsWith(`${folder}/`) && !/\.(md|markdown)$/i.test(file)).map((file) => file.slice(folder.length + 1));
}
