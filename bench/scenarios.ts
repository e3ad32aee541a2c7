// What the benchmark measures, in the order it runs: each kind runs in its own child process and
// reports the rows named here (so that a process that dies can still be reported row by row).

import type { Row } from './measure.js';

export const ROWS = {
  markdownAllCores: 'Markdown stage alone, all cores',
  markdownOneCore: 'Markdown stage alone, one core',
  searchStage: 'search stage alone (Pagefind)',
  cold: 'cold build (no cache)',
  publishedFirst: 'gazette build, empty cache',
  publishedNoChange: 'gazette build, no change',
  publishedNew: 'gazette build, one new story',
  publishedEdit: 'gazette build, one story edited',
  publishedTemplate: 'gazette build, one template edited',
  first: 'first build of a warm builder',
  noChange: 'no-change rebuild',
  publish: 'publish one new story',
  editStory: 'edit one story',
  editTemplate: 'edit one template',
  devLoop: 'dev loop: save to page written',
  devLoopRebuilt: 'dev loop: save to every file written',
} as const;

export const SCENARIOS = [
  { kind: 'markdown-all-cores', rows: [ROWS.markdownAllCores] },
  { kind: 'markdown-one-core', rows: [ROWS.markdownOneCore] },
  { kind: 'search', rows: [ROWS.searchStage] },
  { kind: 'cold', rows: [ROWS.cold] },
  { kind: 'published', rows: [ROWS.publishedFirst, ROWS.publishedNoChange, ROWS.publishedNew, ROWS.publishedEdit, ROWS.publishedTemplate] },
  { kind: 'incremental', rows: [ROWS.first, ROWS.noChange, ROWS.publish, ROWS.editStory, ROWS.editTemplate] },
  { kind: 'dev-loop', rows: [ROWS.devLoop, ROWS.devLoopRebuilt] },
] as const;

export type ScenarioKind = (typeof SCENARIOS)[number]['kind'];

/** What a child process sends: its rows one by one, or a failure that ends its kind early. */
export type ScenarioMessage = { row: Row } | { failure: string };
