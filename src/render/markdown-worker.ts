// A worker thread of the Markdown stage: renders the stories it is sent as the build would. A story
// that fails here is answered with null, and the build renders it itself to report the problem.

import { parentPort, workerData } from 'node:worker_threads';
import { createMarkdownRenderer, renderStoryMarkdown, type RenderedMarkdown, type StoryText } from './markdown.js';
import type { MarkdownSettings } from './markdown-pool.js';

const port = parentPort;
if (port === null) throw new Error('markdown-worker runs as a worker thread');
const settings = workerData as MarkdownSettings;
const markdown = createMarkdownRenderer({ rawHtml: settings.rawHtml });
port.on('message', (stories: StoryText[]) => {
  const rendered: (RenderedMarkdown | null)[] = stories.map((story) => {
    try {
      return renderStoryMarkdown(markdown, story, settings);
    } catch {
      return null;
    }
  });
  port.postMessage(rendered);
});
