// A worker thread of the page loop: renders the pages it is sent from their view data, as the
// build's thread would. A page that fails here is answered with null, and the build renders it
// itself to report the problem with its place.

import { parentPort, workerData } from 'node:worker_threads';
import type { PageRequest } from './page-pool.js';
import { createThemeRenderer, renderTemplatePage, type ThemeSource } from './page-text.js';

const port = parentPort;
if (port === null) throw new Error('page-worker runs as a worker thread');
const theme = createThemeRenderer(workerData as ThemeSource);
port.on('message', ({ id, kind, data }: PageRequest) => {
  let text: string | null;
  try {
    text = renderTemplatePage(kind, data, theme);
  } catch {
    text = null;
  }
  port.postMessage({ id, text });
});
port.postMessage({ ready: true });
