// gazette theme eject [file…]: copies files of the packaged theme into the site's templates folder,
// where each replaces the packaged one; with no file, lists what can be copied. Never over a file.

import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import type { ConfigOverrides } from '../config-types.js';
import { themeFiles } from '../content/theme.js';
import { GazetteError } from '../errors.js';
import type { Command } from './command.js';
import { EXIT, type Io } from './io.js';

export const command: Command = {
  name: 'theme',
  operands: 'eject [file…]',
  summary: 'copy files of the default theme into templates/ to change them; with no file, list them',
  options: [],
  run: ({ positionals, overrides }, io) => runTheme(positionals, overrides, io),
};

async function runTheme(args: readonly string[], overrides: ConfigOverrides, io: Io): Promise<number> {
  const [action, ...names] = args;
  if (action !== 'eject') {
    io.err(`gazette theme: ${action === undefined ? 'say what to do' : `unknown action "${action}"`}: gazette theme eject [file…]`);
    return EXIT.usage;
  }
  const config = loadConfig(io.cwd, overrides);
  const packaged = themeFiles(config.root, [config.themeDir]) ?? new Map<string, string>();
  const site = path.relative(io.cwd, config.templatesDir).split(path.sep).join('/') || '.';
  if (names.length === 0) {
    io.out(`The default theme's files (copy one into ${site}/ with "gazette theme eject <file>"):`);
    for (const name of packaged.keys()) io.out(`  ${name}${existsSync(path.join(config.templatesDir, name)) ? `  (${site}/${name} replaces it)` : ''}`);
    return EXIT.ok;
  }
  const chosen = names.map((name) => {
    const file = [name, `${name}.liquid`].find((candidate) => packaged.has(candidate));
    if (file === undefined) {
      throw new GazetteError({
        code: 'usage',
        file: name,
        message: 'is not a file of the default theme',
        hint: 'run "gazette theme eject" to list them',
      });
    }
    return file;
  });
  const taken = chosen.filter((file) => existsSync(path.join(config.templatesDir, file)));
  if (taken.length > 0) {
    throw new GazetteError({
      code: 'usage',
      file: site,
      message: `would overwrite ${taken.join(', ')}; nothing was copied`,
      hint: 'the site has its own copy already: edit it, or remove it to copy the default again',
    });
  }
  for (const file of new Set(chosen)) {
    const target = path.join(config.templatesDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(packaged.get(file) as string, target);
    io.out(`Copied ${site}/${file}`);
  }
  return EXIT.ok;
}
