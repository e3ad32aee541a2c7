// What the dev loop watches: the project's folders (the default theme's among them), and the files
// that are its settings, whose change reloads the configuration (the configuration file and the
// translation tables, whose words are read with it).

import path from 'node:path';
import { CONFIG_FILES } from '../config-file.js';
import type { Config, ConfigOverrides } from '../config-types.js';
import { translationFiles } from '../config-words.js';

export function watchedFolders(config: Config): string[] {
  return [...new Set([config.contentDir, config.templatesDir, config.themeDir, config.staticDir].map((folder) => path.resolve(folder)))];
}

/** The watched folders as the terminal names them: `content/, templates/, the default theme, static/`. */
export function describeWatched(config: Config, root: string): string {
  const defaultTheme = path.resolve(config.themeDir);
  return watchedFolders(config)
    .map((folder) => (folder === defaultTheme && folder !== path.resolve(config.templatesDir) ? 'the default theme' : `${path.relative(root, folder) || '.'}/`))
    .join(', ');
}

/** Every file that would be the configuration. */
export function configFiles(root: string, overrides: ConfigOverrides): string[] {
  return overrides.configFile ? [path.resolve(root, overrides.configFile)] : CONFIG_FILES.map((name) => path.join(root, name));
}

/** Every file that would be the configuration or its words: editing, adding or removing one reloads it. */
export function settingsFiles(root: string, overrides: ConfigOverrides, config: Config): string[] {
  return [...configFiles(root, overrides), ...translationFiles(config)];
}
