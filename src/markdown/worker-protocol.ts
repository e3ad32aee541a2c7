// What the Markdown workers and the build say to each other: a worker's settings, a story to
// render, its answer, and the error of a story past its budget.

import type { MessagePort } from 'node:worker_threads';
import type { Config } from '../config-types.js';
import type { ProblemInit } from '../errors.js';
import { GazetteError } from '../errors.js';
import type { RenderedMarkdown, StoryText } from './processor.js';

export type MarkdownSettings = Pick<Config, 'rawHtml' | 'embeds' | 'baseUrl' | 'basePath' | 'storySeconds' | 'words' | 'language'>;

/** What a Markdown worker starts with: the settings, and for a worker asked synchronously, where to answer and what to wake. */
export interface MarkdownWorkerData extends Omit<MarkdownSettings, 'words' | 'language'> {
  /** The heading anchor's label, in the site's language (the word `heading_anchor`). */
  anchorLabel: string;
  answers?: MessagePort;
  woken?: SharedArrayBuffer;
}

export interface MarkdownJob {
  id: number;
  text: string;
  permalink: string;
  file?: string;
  bodyLine?: number;
}

export type MarkdownAnswer =
  | { ready: true }
  | { id: number; rendered: RenderedMarkdown }
  | { id: number; problem: ProblemInit }
  | { id: number; failure: string };

/**
 * A worker makes a syntax tree for every story and drops it: a young generation this large lets the
 * trees die young instead of being promoted to the old one, where each would bring the next full
 * collection closer (Gazette's process bounds how far the old one grows; see incremental/heap.ts).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 };

/** A story whose Markdown took longer than the budget: named, with what to look for. */
export function markdownTooSlow(story: StoryText, seconds: number): GazetteError {
  return new GazetteError({
    code: 'markdown-too-slow',
    file: story.file,
    line: story.bodyLine,
    message: `the Markdown took more than ${seconds} s to render and was stopped`,
    hint: 'split the story, or look for long runs of "*", "_", "~", backticks or brackets; limits.storySeconds sets the budget',
  });
}
