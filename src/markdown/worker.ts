// A worker thread of the Markdown stage: renders the stories it is sent, one at a time and in order,
// as the build would, and answers each with its HTML or its problem. It is the only place remark runs;
// it loads the code highlighter at the first story that may need it.
// The build's cache asks one such worker synchronously (again.ts): its answers then go to a
// port of their own, and a shared counter wakes the waiting thread.

import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { heldBody } from '../content/body.js';
import { GazetteError } from '../errors.js';
import { type Highlighter, loadHighlighter, mayHoldCode } from './code.js';
import { createMarkdownRenderer, renderStoryMarkdown } from './processor.js';
import type { MarkdownAnswer, MarkdownJob, MarkdownWorkerData } from './worker-protocol.js';

const data = workerData as MarkdownWorkerData;
const jobs = parentPort;
if (jobs === null) throw new Error('markdown/worker runs as a worker thread');
const answers: MessagePort = data.answers ?? jobs;
const woken = data.woken === undefined ? undefined : new Int32Array(data.woken);

function answer(message: MarkdownAnswer): void {
  answers.postMessage(message);
  if (woken === undefined) return;
  Atomics.add(woken, 0, 1);
  Atomics.notify(woken, 0);
}

let highlighter: Highlighter | undefined;
let loading: Promise<unknown> | undefined;
const markdown = createMarkdownRenderer({ rawHtml: data.rawHtml, embeds: data.embeds, anchorLabel: data.anchorLabel, highlighter: () => highlighter });
// One story at a time, in the order sent, even while the highlighter loads.
let rendering: Promise<void> = Promise.resolve();
jobs.on('message', (job: MarkdownJob) => {
  rendering = rendering.then(() => renderStory(job));
});
answer({ ready: true });

async function renderStory({ id, text, permalink, file, bodyLine }: MarkdownJob): Promise<void> {
  try {
    if (highlighter === undefined && mayHoldCode(text)) {
      loading ??= loadHighlighter().then((loaded) => {
        highlighter = loaded;
      });
      await loading;
    }
    answer({ id, rendered: renderStoryMarkdown(markdown, { body: heldBody(text), permalink, file, bodyLine }, data) });
  } catch (error) {
    if (!(error instanceof GazetteError)) {
      answer({ id, failure: String((error as Error)?.stack ?? error) });
      return;
    }
    const { code, file: where, line, column, field, message, hint } = error;
    answer({ id, problem: { code, file: where, line, column, field, message, hint } });
  }
}
