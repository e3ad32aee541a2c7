// Hugo (Debian's package) on a copy of the corpus's stories, with the minimal layouts in
// bench/peers/hugo/layouts: story pages, a front page by day, a page per tag, a tags overview,
// and Hugo's own RSS template for the front page only.

import { execFile } from 'node:child_process';
import { cp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Generator, SiteSettings } from './generator.js';

const LAYOUTS = fileURLToPath(new URL('./hugo/layouts', import.meta.url));

export async function setUpHugo(corpus: string, folder: string, settings: SiteSettings): Promise<Generator> {
  const version = await hugoVersion();
  await cp(path.join(corpus, 'content'), path.join(folder, 'content'), { recursive: true });
  await cp(LAYOUTS, path.join(folder, 'layouts'), { recursive: true });
  await writeFile(path.join(folder, 'hugo.json'), `${JSON.stringify(hugoConfig(settings), null, 2)}\n`);
  const output = path.join(folder, 'public');
  const build = ['hugo', '--quiet', '--destination', output];
  return {
    name: 'Hugo',
    version,
    root: folder,
    output,
    feed: 'index.xml',
    coldBuild: build,
    rebuild: build,
    clean: async () => {
      await rm(output, { recursive: true, force: true });
      await rm(path.join(folder, 'resources'), { recursive: true, force: true });
    },
  };
}

/** Hugo 0.111's settings for the pages Gazette makes too, and none of those it does not. */
function hugoConfig(settings: SiteSettings): Record<string, unknown> {
  return {
    baseURL: settings.baseUrl,
    title: settings.title,
    languageCode: settings.language,
    timeZone: settings.timeZone,
    paginate: settings.pageSize,
    rssLimit: settings.feedSize,
    // Every story of the corpus is published, as with Gazette's --now after the last one.
    buildFuture: true,
    // `Élections` and `Elections` are one tag, as in Gazette.
    removePathAccents: true,
    enableRobotsTXT: true,
    taxonomies: { tag: 'tags' },
    // The corpus's year folders would be sections, with pages and feeds Gazette does not make.
    disableKinds: ['section'],
    outputs: { home: ['HTML', 'RSS'], page: ['HTML'], taxonomy: ['HTML'], term: ['HTML'] },
  };
}

async function hugoVersion(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('hugo', ['version']);
    return stdout.trim().replace(/ BuildDate=.*$/, '');
  } catch {
    throw new Error('not installed: apt-get install hugo');
  }
}
