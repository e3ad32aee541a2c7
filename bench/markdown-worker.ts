// One worker of the Markdown stage: renders the story bodies it is sent with Gazette's Markdown
// renderer (its highlighter loaded before it says it is ready) and answers with the length of the HTML it made.

import { parentPort } from 'node:worker_threads';
import { loadHighlighter } from '../src/markdown/code.js';
import { createMarkdownRenderer } from '../src/markdown/processor.js';

const port = parentPort;
if (port === null) throw new Error('bench/markdown-worker.ts runs as a worker thread');
const highlighter = await loadHighlighter();
const markdown = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false, highlighter: () => highlighter });
port.on('message', (bodies: string[]) => {
  let characters = 0;
  for (const body of bodies) characters += markdown.render(body, (url) => url).html.length;
  port.postMessage(characters);
});
port.postMessage('ready');
