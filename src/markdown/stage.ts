// The Markdown stage: each story's Markdown is named by a key of what its HTML is made from (its
// text, its URL, the settings, Gazette's code), found again where an earlier build kept it, or
// rendered on the worker pool under the time budget. A story that cannot be rendered (too slow,
// too deep, unreadable) is a problem the build reports with the pictures' problems.

import { codeFingerprint } from '../code-fingerprint.js';
import type { Config } from '../config-types.js';
import type { GazetteError } from '../errors.js';
import { keyOf } from '../keys.js';
import type { Story } from '../model/types.js';
import type { Progress } from '../progress.js';
import { say } from '../words.js';
import { createMarkdownAgain, type MarkdownAgain } from './again.js';
import { createMarkdownPool, type MarkdownPool } from './pool.js';
import type { RenderedMarkdown } from './processor.js';
import type { MarkdownStore, StoryMarkdown } from './store.js';
import type { MarkdownSettings } from './worker-protocol.js';

export interface RenderedStories {
  /** Every story's Markdown. */
  of(story: Story): StoryMarkdown;
  /** Each Markdown the site uses, by its key: what a later build may find again. */
  used: Map<string, StoryMarkdown>;
  problems: GazetteError[];
}

/** What renders Markdown: the pool for a build's stories, and the worker that renders HTML again when a kept file cannot be read. */
export interface MarkdownWorkers {
  pool: MarkdownPool;
  again: MarkdownAgain;
}

export async function renderStories(
  stories: readonly Story[],
  config: Config,
  store: MarkdownStore,
  workers: MarkdownWorkers,
  options: { threads?: number; signal?: AbortSignal; progress?: Progress } = {},
): Promise<RenderedStories> {
  const renderAgain = (story: Story) => () => htmlOf(workers.again.render(story));
  const used = new Map<string, StoryMarkdown>();
  const keys = new Map(stories.map((story) => [story, markdownKey(story, config)]));
  const unrendered = new Map<string, Story>();
  for (const [story, key] of keys) {
    const known = used.get(key) ?? store.find(key, renderAgain(story));
    if (known) used.set(key, known);
    else unrendered.set(key, story);
  }
  options.signal?.throwIfAborted();
  // Each story's HTML is kept as soon as it is rendered, and not held here.
  const toRender = [...unrendered];
  let done = 0;
  options.progress?.({ stage: 'markdown', done, total: toRender.length });
  const problems = await workers.pool.renderEach(
    toRender.map(([, story]) => story),
    (index, rendered) => {
      const [key, story] = toRender[index] as [string, Story];
      used.set(key, store.keep(key, rendered, renderAgain(story)));
      options.progress?.({ stage: 'markdown', done: ++done, total: toRender.length });
    },
    { threads: options.threads, signal: options.signal },
  );
  return { of: (story) => used.get(keys.get(story) as string) as StoryMarkdown, used, problems };
}

/**
 * Names a story's rendered Markdown; relative links in feeds resolve against its URL, so the
 * permalink is part of it, and the embed allow-list decides which iframes stay.
 */
export function markdownKey(
  story: Pick<Story, 'permalink' | 'body'>,
  config: Pick<Config, 'rawHtml' | 'embeds' | 'baseUrl' | 'basePath' | 'words' | 'language'>,
): string {
  // The heading anchor's label is written into the HTML: a site changing the word renders again.
  const anchorLabel = say(config, 'heading_anchor');
  return keyOf(
    codeFingerprint(),
    JSON.stringify([config.rawHtml, config.embeds, config.baseUrl, config.basePath, anchorLabel]),
    story.permalink,
    story.body.hash,
  );
}

function htmlOf(rendered: RenderedMarkdown): { html: string; feedHtml: string } {
  return { html: rendered.html, feedHtml: rendered.feedHtml ?? '' };
}

/** `keep`: how many workers stay started between builds (the dev loop's one), ready for the next story. */
export function startMarkdownWorkers(config: MarkdownSettings, keep = 0): MarkdownWorkers {
  return { pool: createMarkdownPool(config, { keep }), again: createMarkdownAgain(config) };
}

export async function closeMarkdownWorkers(workers: MarkdownWorkers): Promise<void> {
  await Promise.all([workers.pool.close(), workers.again.close()]);
}
