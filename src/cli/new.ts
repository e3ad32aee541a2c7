// gazette new: a draft story file named from its headline.

import { loadConfig } from '../config.js';
import type { ConfigOverrides } from '../config-types.js';
import type { Command } from './command.js';
import { EXIT, type Io } from './io.js';

export const command: Command = {
  name: 'new',
  operands: '"Title"',
  summary: 'create a draft story, content/YYYY/MM/DD/<slug>.md, dated now',
  options: [{ name: 'tags', type: 'string', placeholder: '<a,b>', summary: 'the tags of the story, separated by commas' }],
  run: ({ positionals, values, overrides }, io) => runNew(positionals.join(' '), values.tags as string | undefined, overrides, io),
};

async function runNew(title: string, tags: string | undefined, overrides: ConfigOverrides, io: Io): Promise<number> {
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
  io.out(`Created ${file} (a draft: set "draft: false" to publish it)`);
  return EXIT.ok;
}
