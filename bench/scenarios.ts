// What the benchmark measures, in the order it runs: each kind runs in its own child process and
// reports the scenarios named here (so that a process that dies can still be reported row by row).

import type { Row } from './measure.js';

/** Each scenario's stable id, which the history records, and the label the tables show. */
export const SCENARIO_LABELS = {
  'markdown-all-cores': 'Markdown stage alone, all cores',
  'markdown-one-core': 'Markdown stage alone, one core',
  'markdown-code': 'Markdown stage alone, one core, three code blocks a story',
  search: 'search stage alone (Pagefind)',
  cold: 'cold build (no cache)',
  'published-first': 'gazette build, empty cache',
  'published-no-change': 'gazette build, no change',
  'published-new': 'gazette build, one new story',
  'published-edit': 'gazette build, one story edited',
  'published-template': 'gazette build, one template edited',
  'incremental-first': 'first build of a warm builder',
  'incremental-no-change': 'no-change rebuild',
  'incremental-new': 'publish one new story',
  'incremental-edit': 'edit one story',
  'incremental-template': 'edit one template',
  'dev-loop-page': 'dev loop: save to page written',
  'dev-loop-every-file': 'dev loop: save to every file written',
} as const;

export type ScenarioId = keyof typeof SCENARIO_LABELS;

export function scenarioLabel(id: string): string {
  return Object.hasOwn(SCENARIO_LABELS, id) ? SCENARIO_LABELS[id as ScenarioId] : id;
}

export const ROWS = {
  markdownAllCores: 'markdown-all-cores',
  markdownOneCore: 'markdown-one-core',
  markdownCode: 'markdown-code',
  searchStage: 'search',
  cold: 'cold',
  publishedFirst: 'published-first',
  publishedNoChange: 'published-no-change',
  publishedNew: 'published-new',
  publishedEdit: 'published-edit',
  publishedTemplate: 'published-template',
  first: 'incremental-first',
  noChange: 'incremental-no-change',
  publish: 'incremental-new',
  editStory: 'incremental-edit',
  editTemplate: 'incremental-template',
  devLoop: 'dev-loop-page',
  devLoopRebuilt: 'dev-loop-every-file',
} as const satisfies Record<string, ScenarioId>;

export const SCENARIOS = [
  { kind: 'markdown-all-cores', rows: [ROWS.markdownAllCores] },
  { kind: 'markdown-one-core', rows: [ROWS.markdownOneCore] },
  { kind: 'markdown-code', rows: [ROWS.markdownCode] },
  { kind: 'search', rows: [ROWS.searchStage] },
  { kind: 'cold', rows: [ROWS.cold] },
  { kind: 'published', rows: [ROWS.publishedFirst, ROWS.publishedNoChange, ROWS.publishedNew, ROWS.publishedEdit, ROWS.publishedTemplate] },
  { kind: 'incremental', rows: [ROWS.first, ROWS.noChange, ROWS.publish, ROWS.editStory, ROWS.editTemplate] },
  { kind: 'dev-loop', rows: [ROWS.devLoop, ROWS.devLoopRebuilt] },
] as const;

export type ScenarioKind = (typeof SCENARIOS)[number]['kind'];

/** What a child process sends: its rows one by one, or a failure that ends its kind early. */
export type ScenarioMessage = { row: Row } | { failure: string };
