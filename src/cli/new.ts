// gazette new: a story file named from its headline.

import type { ConfigOverrides } from '../config.js';
import { loadConfig } from '../config.js';
import { EXIT, type Io } from './io.js';

export async function runNew(title: string, tags: string | undefined, overrides: ConfigOverrides, io: Io): Promise<number> {
  if (title.trim() === '') {
    io.err('gazette new: give the story a title, e.g. gazette new "Storm hits the coast" --tags weather');
    return EXIT.usage;
  }
  const config = loadConfig(io.cwd, overrides);
  const { createStory } = await import('../new-story.js');
  const file = await createStory(config, {
    title: title.trim(),
    tags: (tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  });
  io.out(`Created ${file}`);
  return EXIT.ok;
}
