// Files beside a story: a PDF, a spreadsheet, a recording or a page a story links to
// (`[the report](report.pdf)`) is published beside the story's page, at the same path from the
// page as from the story's file, so that the link works as written on the page and, made absolute,
// in feeds. Only files in the story's folder or below are published; each is named by its bytes.

import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { GazetteError } from '../errors.js';
import { keyOf } from '../keys.js';
import { type BodyLink, isMarkdownFile } from '../markdown/processor.js';
import { imageKind } from '../urls/links.js';
import { besidePage } from '../urls/paths.js';

/** A file to copy into the site: its site path, the file it is, and a key of its bytes. */
export interface Attachment {
  path: string;
  from: string;
  key: string;
}

/** What a story is to this stage: its file (relative to the project root), its body's first line and its page. */
export interface AttachingStory {
  file: string;
  bodyLine: number;
  permalink: string;
}

export interface PublishedAttachments {
  attachments: Attachment[];
  warnings: GazetteError[];
  /** The links already warned about, as `file:line:column`: the link check leaves them alone. */
  warned: Set<string>;
}

export async function publishAttachments(
  stories: readonly { story: AttachingStory; links: readonly BodyLink[] }[],
  config: { root: string; contentDir: string },
): Promise<PublishedAttachments> {
  const found = new Map<string, Attachment>();
  const warnings: GazetteError[] = [];
  const warned = new Set<string>();
  const content = await realpath(config.contentDir).catch(() => config.contentDir);
  for (const { story, links } of stories) {
    const folder = path.dirname(path.join(config.root, story.file));
    for (const link of links) {
      if (imageKind(link.url) !== 'file' || isMarkdownFile(link.url)) continue;
      const file = fileNamed(link.url, folder);
      if (file === undefined) continue;
      const real = await realpath(file).catch(() => undefined);
      // A missing file is for the link check to report, with where the link leads.
      if (real === undefined || !(await stat(real)).isFile()) continue;
      const relative = path.relative(folder, file);
      if (!isBelow(relative) || !isBelow(path.relative(content, real))) {
        const line = story.bodyLine + link.line - 1;
        warned.add(`${story.file}:${line}:${link.column}`);
        warnings.push(
          new GazetteError({
            code: 'link-broken',
            file: story.file,
            line,
            column: link.column,
            message: `link ${JSON.stringify(link.url)} names a file outside the story's folder, which is not published`,
            hint: "put the file in the story's folder (or a folder below it), or in static/ and link to it from the site root",
          }),
        );
        continue;
      }
      const sitePath = besidePage(story.permalink, relative.split(path.sep).join('/'));
      if (!found.has(sitePath)) found.set(sitePath, { path: sitePath, from: real, key: await keyOfFile(real) });
    }
  }
  const attachments = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  return { attachments, warnings, warned };
}

/**
 * The key of a file's bytes, remembered by its stamp (size, times, inode) while this process runs, so
 * that the dev loop does not read every file again on each rebuild; a file modified within RACY_MS of
 * now could change again within the same time stamp, and is read each time.
 */
const keysByStamp = new Map<string, { stamp: string; key: string }>();
const RACY_MS = 2000;

async function keyOfFile(file: string): Promise<string> {
  const stats = await stat(file, { bigint: true });
  const stamp = [stats.size, stats.mtimeNs, stats.ctimeNs, stats.ino].join(' ');
  const known = keysByStamp.get(file);
  if (known?.stamp === stamp) return known.key;
  const key = `file:${keyOf(await readFile(file))}`;
  if (Date.now() - Number(stats.mtimeNs / 1_000_000n) > RACY_MS) keysByStamp.set(file, { stamp, key });
  else keysByStamp.delete(file);
  return key;
}

/** The file a relative link names from `folder`, or undefined for one that is not a plain path. */
function fileNamed(url: string, folder: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.replace(/[?#].*$/s, ''));
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded.endsWith('/') || /[\u0000-\u001f\u007f\\]/.test(decoded)) return undefined;
  return path.resolve(folder, decoded);
}

function isBelow(relative: string): boolean {
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
