// Rebuilds by a warm in-process Builder, the way `gazette dev` keeps one: a first build, then each
// change is written to disk and the rebuild told which file changed. Each change is made a few
// times; the row shows the run with the median wall time.

import type { BuildReport } from '../src/build.js';
import { loadConfig } from '../src/config.js';
import { type Builder, createBuilder } from '../src/incremental/builder.js';
import { CORPUS_NOW } from './corpus.js';
import { editStory, editTemplate, latestStory, publishStory } from './edits.js';
import { errorText, type Measured, measure, measuredRow, medianRun, type Row } from './measure.js';
import { ROWS } from './scenarios.js';

type Change = (revision: number) => Promise<string[]>;

export async function measureIncremental(root: string, stories: number, repeats: number, send: (row: Row) => Promise<void>): Promise<void> {
  const story = await latestStory(root);
  const changes: [string, Change][] = [
    [ROWS.noChange, async () => []],
    [ROWS.publish, async (revision) => [await publishStory(root, revision)]],
    [
      ROWS.editStory,
      async (revision) => {
        await editStory(story, revision);
        return [story];
      },
    ],
    [ROWS.editTemplate, async (revision) => [await editTemplate(root, revision)]],
  ];

  const builder = await startBuilder(root, stories, send);
  if (builder === undefined) {
    for (const [name] of changes) await send({ stories, scenario: name, note: '', error: 'the first build failed' });
    return;
  }

  for (const [name, change] of changes) {
    try {
      const runs: Measured<BuildReport>[] = [];
      for (let revision = 1; revision <= repeats; revision++) {
        const changed = await change(revision);
        runs.push(await measure(() => builder.build(new Set(changed))));
      }
      const typical = medianRun(runs);
      const all = runs.map((run) => Math.round(run.wallMs)).join(', ');
      await send({ ...measuredRow(stories, name, typical, `${removedNote(typical.result)}; runs: ${all} ms`), ...counts(typical.result) });
    } catch (error) {
      await send({ stories, scenario: name, note: '', error: errorText(error) });
    }
  }
}

async function startBuilder(root: string, stories: number, send: (row: Row) => Promise<void>): Promise<Builder | undefined> {
  try {
    const builder = createBuilder(loadConfig(root, { now: CORPUS_NOW }));
    const first = await measure(() => builder.build());
    await send({
      ...measuredRow(stories, ROWS.first, first, removedNote(first.result)),
      storiesPerSecond: stories / (first.wallMs / 1000),
      ...counts(first.result),
    });
    return builder;
  } catch (error) {
    await send({ stories, scenario: ROWS.first, note: '', error: errorText(error) });
    return undefined;
  }
}

function counts(report: BuildReport): Pick<Row, 'pages' | 'files' | 'written'> {
  return { pages: report.pages, files: report.files, written: report.written.length };
}

function removedNote(report: BuildReport): string {
  return `${report.removed.length} files removed`;
}
