// The content stage: every story, the authors' profiles and the theme, read at once. A file an
// earlier build read and nothing changed since is taken from `reuse` instead; every problem of
// every file is reported together, before anything is built.

import path from 'node:path';
import type { Config } from '../config-types.js';
import { failIfAny, GazetteError } from '../errors.js';
import { AUTHORS_FILE, type AuthorProfiles, loadAuthorProfiles } from './authors.js';
import { IGNORED_FOLDERS, type LoadedContent, loadStories, type StoryFileResult, type StoryReuse } from './load.js';
import { loadTheme, type Theme, themeLayers } from './theme.js';

export interface Content {
  stories: LoadedContent['stories'];
  /** What reading each story file gave, by absolute path: what a later build may reuse. */
  results: Map<string, StoryFileResult>;
  profiles: AuthorProfiles;
  theme: Theme;
  /** Files that look like stories but are not read (see findStoryFiles), from the project root. */
  ignored: string[];
  warnings: GazetteError[];
}

/** With `authors`: the profiles the last build read, taken again unless authors.yaml is among `reuse.changed`. */
export async function readContent(config: Config, reuse: StoryReuse & { authors?: AuthorProfiles } = {}): Promise<Content> {
  const authorsChanged = reuse.changed === undefined || reuse.changed.has(path.join(config.contentDir, AUTHORS_FILE));
  const [content, profiles, theme] = await Promise.all([
    loadStories(config, reuse),
    reuse.authors && !authorsChanged ? reuse.authors : loadAuthorProfiles(config.root, config.contentDir),
    loadTheme(config.root, themeLayers(config), config.staticDir, config.templatesNamed),
  ]);
  const { problems, warnings } = publishingChecks(content.warnings, config);
  failIfAny([...content.problems, ...problems, ...profiles.problems]);
  const contentFolder = path.relative(config.root, config.contentDir).split(path.sep).join('/') || '.';
  const ignored = content.ignored.map((file) => `${contentFolder}/${file}`);
  return {
    stories: content.stories,
    results: content.results,
    profiles,
    theme,
    ignored,
    warnings: [...ignoredWarning(ignored), ...warnings, ...profiles.warnings],
  };
}

/**
 * What the site's settings make of the stories' warnings: a field the configuration declares is no
 * slip; a story still holding the placeholder of `gazette new` is never published (with drafts shown,
 * as in `gazette dev`, it is a warning).
 */
export function publishingChecks(found: readonly GazetteError[], config: Config): { problems: GazetteError[]; warnings: GazetteError[] } {
  const declared = new Set(config.customFields);
  const warnings = found.filter((warning) => warning.code !== 'field-unknown' || !declared.has(warning.field ?? ''));
  if (config.drafts) return { problems: [], warnings };
  return {
    problems: warnings.filter((warning) => warning.code === 'story-unwritten'),
    warnings: warnings.filter((warning) => warning.code !== 'story-unwritten'),
  };
}

/** One warning for the files left out, by folder: `--verbose` lists them one by one. */
function ignoredWarning(ignored: readonly string[]): GazetteError[] {
  if (ignored.length === 0) return [];
  const byFolder = new Map<string, number>();
  for (const file of ignored) {
    const parts = file.split('/');
    const at = parts.findIndex((part) => IGNORED_FOLDERS.includes(part));
    const folder = `${parts.slice(0, at === -1 ? -1 : at + 1).join('/')}/`;
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
  }
  const where = [...byFolder].map(([folder, count]) => `${count} in ${folder}`).join(', ');
  return [
    new GazetteError({
      code: 'content-ignored',
      message: `${ignored.length} ${ignored.length === 1 ? 'file' : 'files'} not read as stories: ${where}`,
      hint: `stories are .md and .markdown files outside ${IGNORED_FOLDERS.map((folder) => `${folder}/`).join(', ')}, _index.md and dot-folders; --verbose lists them`,
    }),
  ];
}
