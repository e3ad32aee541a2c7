// What a build may take from earlier builds instead of making it again: the stories read, the
// Markdown rendered, the pictures measured and copied, what the output folder holds, the compiled
// theme. A plain build reuses nothing (noReuse); the build cache and the dev loop fill it in
// (src/incremental/), and the stages never know which.

import type { AuthorProfiles } from './content/authors.js';
import type { StoryReuse } from './content/load.js';
import type { ImagePublisher } from './images/publish.js';
import { type ImageStore, memoryImageStore } from './images/store.js';
import { type MarkdownStore, temporaryMarkdownStore } from './markdown/store.js';
import { NOTHING_HELD, type OutputHeld } from './output/writer.js';
import type { SiteTheme } from './render/theme.js';
import type { SearchDocument } from './search/indexes.js';
import type { SearchIndexing } from './search/stage.js';

export interface Reuse {
  /** Story files and author profiles an earlier build read. */
  content: StoryReuse & { authors?: AuthorProfiles };
  /** Markdown rendered before, and where this build keeps what it renders. */
  markdown: MarkdownStore;
  /** Pictures measured and copies made before (`stale`: the files changed since), and the publisher that remembers what it measured. */
  images: { store: ImageStore; stale?: ReadonlySet<string>; publisher?: ImagePublisher };
  /** What the output folder holds. */
  output: OutputHeld;
  /** The theme as the last build compiled it: compiled again only when it changed. */
  theme?: SiteTheme;
  /** Indexing left for later (the dev server's pages first): the search index the site keeps meanwhile. */
  search?: (documents: readonly SearchDocument[]) => SearchIndexing;
}

export function noReuse(): Reuse {
  return { content: {}, markdown: temporaryMarkdownStore(), images: { store: memoryImageStore() }, output: NOTHING_HELD };
}
