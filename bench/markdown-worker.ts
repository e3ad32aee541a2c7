// One worker of the Markdown stage: renders the story bodies it is sent with Gazette's Markdown
// renderer and answers with the length of the HTML it made.

import { parentPort } from 'node:worker_threads';
import { createMarkdownRenderer } from '../src/markdown/processor.js';

const port = parentPort;
if (port === null) throw new Error('bench/markdown-worker.ts runs as a worker thread');
const markdown = createMarkdownRenderer({ rawHtml: false });
port.on('message', (bodies: string[]) => {
  let characters = 0;
  for (const body of bodies) characters += markdown.render(body, (url) => url).html.length;
  port.postMessage(characters);
});
port.postMessage('ready');
