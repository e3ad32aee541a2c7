// The hostile site: test/fixtures/hostile holds a story with script in every field a template or
// feed prints (title, summary, authors, section, dateline, tags, image, credits, corrections, id,
// an extra field) and in its Markdown (script URLs in every spelling, raw HTML), and a story beside
// it whose cards show it. Every payload sets window.__pwned; none may ever run.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSmallSite, SMALL_SITE_CONFIG, type SmallSite } from './small-site.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/hostile');

/** The hostile story's title, exactly as its front-matter gives it. */
export const HOSTILE_TITLE = `Headline </script><script>window.__pwned = 'title'</script> <img src=x onerror="window.__pwned='title-img'"> "quoted" & 'single' <!--`;

/** The default theme, also printing an extra front-matter field (story.data.desk_note). */
async function printDeskNote(templatesDir: string): Promise<void> {
  const file = path.join(templatesDir, 'story.liquid');
  const template = await readFile(file, 'utf8');
  await writeFile(file, template.replace('<div class="story__body">', '<p class="desk-note">{{ story.data.desk_note }}</p>\n  <div class="story__body">'));
}

export async function buildHostileSite(): Promise<SmallSite> {
  const names = await readdir(FIXTURES);
  const stories = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(path.join(FIXTURES, name))] as const)));
  // The site prints desk_note, a field of its own, so it declares it.
  return buildSmallSite(stories, { editTheme: printDeskNote, config: `${SMALL_SITE_CONFIG}fields: [desk_note]\n` });
}
