// What every importer makes of a post of another generator: the Gazette story's fields, its body,
// the files to copy beside it and the URL it had. Shared by jekyll.ts, hugo.ts, zola.ts, pelican.ts.

/** A post found in the source site, before its body's template tags are converted. */
export interface SourcePost {
  /** Path in the source site, with `/`, for the report and messages. */
  file: string;
  /** Absolute path of the folder the post's own files are read from (a page bundle's folder). */
  folder: string;
  /** The front-matter as read (YAML, TOML, JSON or Pelican's headers). */
  fields: Record<string, unknown>;
  body: string;
  /** The URL the source site published it at, from its permalink settings (a site path, `/…`). */
  oldUrl: string | undefined;
  /** Other URLs the source site redirected to it (Hugo's and Zola's aliases). */
  aliases: string[];
  /** The slug the source used (file name, bundle folder or `slug:`), and its date (ISO) when known. */
  slug: string;
  date: string | undefined;
  /** Files of a page bundle: every file of its folder but the post, relative to `folder`. */
  bundle: string[];
  /** Section and tags as the source's taxonomies give them. */
  section: string | undefined;
  tags: string[];
}

/** A Gazette story, ready to be written. */
export interface ImportedStory {
  /** Where it goes, relative to the folder imported into. */
  target: string;
  fields: Record<string, unknown>;
  body: string;
  /** Files to copy: absolute source path to a path relative to the story's folder. */
  copies: { from: string; to: string }[];
  source: string;
}

/** Something the import could not carry over as it was, by kind, for the report. */
export interface ImportNote {
  kind: string;
  file: string;
  detail: string;
}

export interface ImportResult {
  stories: ImportedStory[];
  notes: ImportNote[];
  /** Source files that hold posts in a form Gazette does not read (reStructuredText, HTML). */
  skipped: string[];
}
