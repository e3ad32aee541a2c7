// `gazette new "Title"`: a story file with front-matter ready to write in, dated now, placed at
// content/YYYY/MM/DD/<slug>.md, a draft until its author says otherwise, with a stable feed id so a
// later rename never re-notifies readers.

import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Config } from './config-types.js';
import { PLACEHOLDER_BODY } from './content/story-fields.js';
import { GazetteError } from './errors.js';
import { isDeviceName, slugify } from './urls/slug.js';

export interface NewStory {
  title: string;
  tags: string[];
}

export async function createStory(config: Config, story: NewStory): Promise<string> {
  const slug = slugify(story.title);
  if (slug === '')
    throw new GazetteError({ code: 'usage', field: 'title', message: `"${story.title}" gives an empty URL slug`, hint: 'use a title with letters or digits' });
  if (isDeviceName(slug))
    throw new GazetteError({
      code: 'usage',
      field: 'title',
      message: `"${story.title}" gives the URL slug "${slug}", a reserved device name on Windows`,
      hint: 'use a longer title',
    });
  const date = config.now.setZone(config.timeZone);
  const file = path.join(config.contentDir, date.toFormat('yyyy/MM/dd'), `${slug}.md`);
  const fields = (values: Record<string, unknown>) => stringify(values, { lineWidth: 0 });
  const frontMatter = [
    fields({ title: story.title, date: date.toISO({ suppressMilliseconds: true }), tags: story.tags }),
    'summary:  # one sentence; leave empty to use the first paragraph\n',
    fields({ authors: [], id: `urn:uuid:${randomUUID()}`, draft: true }),
  ].join('');
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, `---\n${frontMatter}---\n\n${PLACEHOLDER_BODY}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new GazetteError({
      code: 'usage',
      file: path.relative(config.root, file),
      message: 'a story with this name already exists',
      hint: 'choose another title',
    });
  }
  return path.relative(config.root, file);
}
