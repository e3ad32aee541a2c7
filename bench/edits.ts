// The changes an editor makes, written to a corpus on disk before a rebuild is timed: publish a new
// story, add a paragraph to a story, change the theme's footer. Each returns the changed file.

import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CORPUS_DAYS, composeStory, planStory } from './corpus.js';
import { createRandom } from './random.js';

/** The latest story of the corpus (by its content path, which starts with its date). */
export async function latestStory(root: string): Promise<string> {
  const entries = (await readdir(path.join(root, 'content'), { recursive: true })).filter((entry) => entry.endsWith('.md')).sort();
  const latest = entries.at(-1);
  if (latest === undefined) throw new Error(`no story in ${root}/content`);
  return path.join(root, 'content', latest);
}

/** The story's page path inside the output folder (the corpus's permalinks follow its content paths). */
export function pageOf(root: string, storyFile: string): string {
  return path.join(path.relative(path.join(root, 'content'), storyFile).replace(/\.md$/, ''), 'index.html');
}

/**
 * A new story on the corpus's last day, after its other stories (which end before 23:00): today's
 * news, published into the day, month and year that already hold stories, before the clock.
 */
export async function publishStory(root: string, revision: number): Promise<string> {
  const random = createRandom(1_000_000 + revision);
  let file: string;
  let story: ReturnType<typeof planStory>;
  do {
    story = planStory(random, CORPUS_DAYS - 1, 23 * 60 + (revision % 60), new Set());
    file = path.join(root, 'content', `${story.sitePath}.md`);
  } while (existsSync(file));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    composeStory(random, story, () => undefined),
  );
  return file;
}

/** Add a paragraph at the end of a story; the returned text appears on its page once rebuilt. */
export async function editStory(file: string, revision: number): Promise<string> {
  const added = `This story was updated in revision ${revision}.`;
  await writeFile(file, `${(await readFile(file, 'utf8')).trimEnd()}\n\n${added}\n`);
  return added;
}

/** Add a line to the footer that every page includes. */
export async function editTemplate(root: string, revision: number): Promise<string> {
  const file = path.join(root, 'templates', 'partials', 'footer.liquid');
  const footer = await readFile(file, 'utf8');
  await writeFile(file, footer.replace('</footer>', `  <p class="site-footer__revision">Theme revision ${revision}.</p>\n</footer>`));
  return file;
}
