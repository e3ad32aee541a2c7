// gazette import jekyll|hugo|zola|pelican SOURCE [--into content/]: another generator's posts made
// Gazette stories (src/import/), with a report of what was kept and what was not.

import path from 'node:path';
import type { Command } from './command.js';
import { EXIT, type Io } from './io.js';

export const command: Command = {
  name: 'import',
  operands: '<jekyll|hugo|zola|pelican> SOURCE',
  summary: "turn another generator's posts into stories, their old URLs kept",
  options: [{ name: 'into', type: 'string', placeholder: '<dir>', summary: 'where to write the stories (default: content/)' }],
  run: ({ positionals, values }, io) => runImport(positionals, values.into as string | undefined, io),
};

async function runImport(args: readonly string[], into: string | undefined, io: Io): Promise<number> {
  const { GENERATORS, describeImport, importSite } = await import('../import/run.js');
  const [generator, source, ...extra] = args;
  if (generator === undefined || !(generator in GENERATORS) || source === undefined || extra.length > 0) {
    io.err(`gazette import: give the generator (${Object.keys(GENERATORS).join(', ')}) and the source folder, e.g. gazette import jekyll ../old-site`);
    return EXIT.usage;
  }
  const target = path.resolve(io.cwd, into ?? 'content');
  const report = await importSite(generator as keyof typeof GENERATORS, path.resolve(io.cwd, source), target);
  for (const line of describeImport(report, path.relative(io.cwd, target) || '.'))
    (line.startsWith('warning:') || line.startsWith('  ') ? io.err : io.out)(line);
  return EXIT.ok;
}
