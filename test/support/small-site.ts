// A small project around a few story files, for tests that run bad or hostile input through the
// real loader and build: the default theme, one configuration, nothing else.

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildReport } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { BuildFailed, GazetteError } from '../../src/errors.js';
import { build } from '../../src/incremental/publish.js';
import { REPO } from './project.js';

export const SMALL_SITE_CONFIG = 'title: The Test Wire\nbaseUrl: https://example.org/\ntimeZone: Europe/Paris\nlanguage: en\n';
export const SMALL_SITE_NOW = '2021-06-01T12:00:00Z';

export interface SmallSite {
  root: string;
  out: string;
  /** Problems and warnings as printed (`file:line:col  field  message  (hint)  [code]`). */
  problems: string[];
  warnings: string[];
  report: BuildReport | undefined;
  read(sitePath: string): Promise<string>;
  remove(): Promise<void>;
}

/**
 * Build a project whose content/ holds `stories` (path to bytes or text) with the default theme,
 * changed by `editTheme` if given. Problems are collected, not thrown.
 */
export async function buildSmallSite(
  stories: Record<string, string | Buffer>,
  options: { editTheme?: (templatesDir: string) => Promise<void>; config?: string } = {},
): Promise<SmallSite> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-small-'));
  await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
  await options.editTheme?.(path.join(root, 'templates'));
  await writeFile(path.join(root, 'gazette.config.yaml'), options.config ?? SMALL_SITE_CONFIG);
  for (const [file, bytes] of Object.entries(stories)) {
    const target = path.join(root, 'content', file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
  const out = path.join(root, 'dist');
  let problems: string[] = [];
  let report: BuildReport | undefined;
  try {
    report = await build(loadConfig(root, { now: SMALL_SITE_NOW }));
  } catch (error) {
    if (error instanceof BuildFailed) problems = error.problems.map((problem) => problem.format());
    else if (error instanceof GazetteError) problems = [error.format()];
    else {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
  }
  return {
    root,
    out,
    problems,
    warnings: report?.warnings.map((warning) => warning.format()) ?? [],
    report,
    read: (sitePath) => readFile(path.join(out, sitePath), 'utf8'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
