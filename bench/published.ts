// Publishing as an editor does it: every build is `gazette build` in a new process (the compiled
// CLI), reading the build cache the previous one left in .gazette/cache/. The first build starts
// with an empty cache; then each change is written to disk and the next build timed.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CORPUS_NOW } from './corpus.js';
import { editStory, editTemplate, latestStory, publishStory } from './edits.js';
import { errorText, loadShare, othersBusyDuring, type Row } from './measure.js';
import { ROWS } from './scenarios.js';

const TIMED_CLI = fileURLToPath(new URL('./timed-cli.mjs', import.meta.url));

interface CliRun {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  otherLoad: number;
  output: string;
}

export async function measurePublished(root: string, stories: number, repeats: number, send: (row: Row) => Promise<void>): Promise<void> {
  const story = await latestStory(root);
  const first = await gazetteBuild(root).catch((error: unknown) => error as Error);
  if (first instanceof Error) {
    for (const name of [ROWS.publishedFirst, ROWS.publishedNoChange, ROWS.publishedNew, ROWS.publishedEdit, ROWS.publishedTemplate]) {
      await send({ stories, scenario: name, note: '', error: errorText(first) });
    }
    return;
  }
  await send({ ...row(stories, ROWS.publishedFirst, first, ''), storiesPerSecond: stories / (first.wallMs / 1000) });

  const changes: [string, (revision: number) => Promise<unknown>][] = [
    [ROWS.publishedNoChange, async () => undefined],
    [ROWS.publishedNew, (revision) => publishStory(root, 10 + revision)],
    [ROWS.publishedEdit, (revision) => editStory(story, 10 + revision)],
    [ROWS.publishedTemplate, (revision) => editTemplate(root, 10 + revision)],
  ];
  for (const [name, change] of changes) {
    try {
      const runs: CliRun[] = [];
      for (let revision = 1; revision <= repeats; revision++) {
        await change(revision);
        runs.push(await gazetteBuild(root));
      }
      const typical = [...runs].sort((a, b) => a.wallMs - b.wallMs)[runs.length >> 1] as CliRun;
      await send(row(stories, name, typical, `runs: ${runs.map((run) => Math.round(run.wallMs)).join(', ')} ms`));
    } catch (error) {
      await send({ stories, scenario: name, note: '', error: errorText(error) });
    }
  }
}

/** The row of a run, with the counts its output line gives ("Built … into P pages (F files, W written) …"). */
function row(stories: number, scenario: string, run: CliRun, note: string): Row {
  const counts = /(\d+) pages,? \(?(\d+) files, (\d+) written\)/.exec(run.output);
  const [pages, files, written] = counts ? counts.slice(1).map(Number) : [];
  const said = counts ? note : [note, run.output.slice(0, 120)].filter(Boolean).join('; ');
  return { stories, scenario, wallMs: run.wallMs, cpuMs: run.cpuMs, peakRssMb: run.peakRssMb, otherLoad: run.otherLoad, pages, files, written, note: said };
}

async function gazetteBuild(root: string): Promise<CliRun> {
  const {
    result: stdout,
    busyMs,
    wallMs,
  } = await othersBusyDuring(
    () =>
      new Promise<string>((resolve, reject) => {
        execFile(process.execPath, [TIMED_CLI, 'build', '--now', CORPUS_NOW], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, out) =>
          error ? reject(error) : resolve(out),
        );
      }),
  );
  const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { code: number; output: string; cpuMs: number; peakRssMb: number };
  if (report.code !== 0) throw new Error(`gazette build failed: ${report.output}`);
  // The build's process is one of the others here: what it used is not other load.
  return { wallMs, cpuMs: report.cpuMs, peakRssMb: report.peakRssMb, otherLoad: loadShare(busyMs - report.cpuMs, wallMs), output: report.output };
}
