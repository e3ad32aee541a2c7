// Every page claims its URL: two pages with one URL, or URLs that differ only in case, are an error.

import { GazetteError } from '../errors.js';
import type { Page } from '../render/page.js';
import { foldCase } from '../urls/paths.js';

/** What the URL check keeps of a page once it is planned; an alias's page, where its alias is written. */
export type PagePlace = Pick<Page, 'kind' | 'path' | 'file' | 'source'> & { place?: { line: number; column: number } };

export function claimUrl(page: PagePlace, owners: Map<string, PagePlace>, problems: GazetteError[]): void {
  const key = foldCase(page.file);
  const first = owners.get(key);
  if (!first) {
    owners.set(key, { kind: page.kind, path: page.path, file: page.file, source: page.source, place: page.place });
    return;
  }
  const story = page.source ?? first.source;
  const other = page.source ? first : page;
  const mine = page.source ? page : first;
  const owner = other.kind === 'redirect' ? `an old URL (alias) of ${other.source}` : other.source ? `the URL of ${other.source}` : `the ${other.kind} page`;
  const sameCase = mine.file === other.file;
  const alias = mine.kind === 'redirect';
  const url = alias ? `the old URL /${mine.path}` : `its URL /${mine.path}`;
  problems.push(
    new GazetteError({
      code: 'permalink-duplicate',
      file: story,
      line: mine.place?.line,
      column: mine.place?.column,
      field: alias ? 'aliases' : 'slug',
      message: sameCase ? `${url} is already ${owner}` : `${url} differs only in case from /${other.path}, ${owner}`,
      hint: !sameCase
        ? 'hosts that ignore case (macOS, Windows, many servers) would serve one for the other: change one'
        : alias
          ? "remove it from aliases: the page there is not this story's"
          : 'give the story another "slug:" or change the "permalink" setting',
    }),
  );
}
