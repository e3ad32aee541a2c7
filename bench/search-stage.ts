// The search stage alone: Pagefind indexing every story of the corpus, as a build that must make
// the index again does (a cold build, or any build after a story's searchable text changed).
// Stories are read and their Markdown rendered before the clock starts.

import { loadConfig } from '../src/config.js';
import { loadStories } from '../src/content/load.js';
import { createMarkdownPool } from '../src/markdown/pool.js';
import type { RenderedMarkdown } from '../src/markdown/processor.js';
import { buildSiteGraph } from '../src/model/site.js';
import { searchDocuments } from '../src/search/documents.js';
import { renderSearchIndex } from '../src/search/pagefind.js';
import { CORPUS_NOW } from './corpus.js';
import { measure, measuredRow, type Row } from './measure.js';

export async function measureSearchStage(root: string, stories: number, scenario: string): Promise<Row> {
  const config = loadConfig(root, { now: CORPUS_NOW });
  const content = await loadStories(config);
  const site = buildSiteGraph(content.stories, config);
  const rendered: RenderedMarkdown[] = [];
  const pool = createMarkdownPool(config);
  await pool.renderEach(site.stories, (index, made) => (rendered[index] = made));
  await pool.close();
  const bodies = new Map(
    site.stories.map((story, index) => {
      const markdown = rendered[index];
      return [story, { html: markdown?.html ?? '', summary: story.summary ?? markdown?.summary ?? '' }];
    }),
  );
  const run = await measure(() => renderSearchIndex(searchDocuments(site, bodies, config), config, undefined));
  const bytes = run.result.reduce((sum, file) => sum + (file.contents?.length ?? 0), 0);
  const note = `${run.result.length} files, ${(bytes / 1e6).toFixed(1)} MB; Pagefind's own process is not in the CPU time (it counts as other load)`;
  return { ...measuredRow(stories, scenario, run, note), storiesPerSecond: stories / (run.wallMs / 1000) };
}
