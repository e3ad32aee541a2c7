// gazette edition: one day's email edition, printed or written to a file.

import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import type { ConfigOverrides } from '../config-types.js';
import { GazetteError } from '../errors.js';
import type { Command } from './command.js';
import { EXIT, type Io } from './io.js';
import { printWarnings } from './warnings.js';

export const command: Command = {
  name: 'edition',
  operands: 'YYYY-MM-DD',
  summary: "print that day's edition as plain text for email",
  options: [
    { name: 'html', type: 'boolean', summary: 'the HTML email, not the text' },
    {
      name: 'out',
      type: 'string',
      placeholder: '<file|dir/>',
      summary: 'write it to the file instead; to a folder (ending in / or existing): both, as email.txt and email.html',
    },
  ],
  // Here --out names where the edition goes, not the site's output folder.
  run: ({ positionals, values, overrides, quiet, strict }, io) =>
    runEdition(positionals, { ...overrides, out: undefined }, { html: values.html === true, out: values.out as string | undefined, quiet, strict }, io),
};

async function runEdition(
  days: readonly string[],
  overrides: ConfigOverrides,
  options: { html: boolean; out: string | undefined; quiet: boolean; strict: boolean },
  io: Io,
): Promise<number> {
  const [{ isDay, renderEmailEdition }, { EMAIL_FILES }] = await Promise.all([import('../edition.js'), import('../urls/paths.js')]);
  const [day, ...extra] = days;
  if (day === undefined || extra.length > 0 || !isDay(day)) {
    io.err(
      day === undefined || extra.length > 0
        ? 'gazette edition: give one day, e.g. gazette edition 2020-10-01'
        : `gazette edition: "${day}" is not a day written YYYY-MM-DD, e.g. gazette edition 2020-10-01`,
    );
    return EXIT.usage;
  }
  const config = loadConfig(io.cwd, overrides);
  const edition = await renderEmailEdition(config, day);
  printWarnings(edition.warnings, io, options.strict);
  const chosen = options.html ? edition.html : edition.text;
  if (options.out === undefined) {
    io.out(chosen.replace(/\n$/, ''));
    return EXIT.ok;
  }
  const target = path.resolve(io.cwd, options.out);
  const files =
    /[/\\]$/.test(options.out) || (await isFolder(target))
      ? [
          { file: path.join(target, EMAIL_FILES.html), contents: edition.html },
          { file: path.join(target, EMAIL_FILES.text), contents: edition.text },
        ]
      : [{ file: target, contents: chosen }];
  for (const { file, contents } of files) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, contents);
    } catch (cause) {
      throw new GazetteError({ code: 'output-failed', file: shownPath(file, io.cwd), message: `cannot write the edition: ${(cause as Error).message}`, cause });
    }
  }
  if (!options.quiet) io.out(`Wrote the edition of ${day} to ${files.map(({ file }) => shownPath(file, io.cwd)).join(' and ')}`);
  return EXIT.ok;
}

/** A path below the working folder as a relative one, any other as it is. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

export async function isFolder(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}
