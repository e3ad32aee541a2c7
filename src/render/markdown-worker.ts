// A worker thread of the Markdown stage: renders the stories it is sent as the build would. A story
// that fails here is answered with null, and the build renders it itself to report the problem.

import { parentPort, workerData } from 'node:worker_threads';
import { heldBody } from '../content/body.js';
import { createMarkdownRenderer, renderStoryMarkdown, type RenderedMarkdown } from './markdown.js';
import type { MarkdownSettings } from './markdown-pool.js';

const port = parentPort;
if (port === null) throw new Error('markdown-worker runs as a worker thread');
const settings = workerData as MarkdownSettings;
const markdown = createMarkdownRenderer({ rawHtml: settings.rawHtml });
port.on('message', (stories: { text: string; permalink: string }[]) => {
  const rendered: (RenderedMarkdown | null)[] = stories.map(({ text, permalink }) => {
    try {
      return renderStoryMarkdown(markdown, { body: heldBody(text), permalink }, settings);
    } catch {
      return null;
    }
  });
  port.postMessage(rendered);
});
