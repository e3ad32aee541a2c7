// Live reload for the dev server: pages get a small script (in dev responses only, never in a
// built site) that listens to server-sent events, reloads after a rebuild that changed what it
// shows, and shows an overlay with the problems of a failed rebuild until the next good one.

import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { EVENTS_PATH, FEED_FILES, NOT_FOUND_PAGE } from '../urls/paths.js';

export interface ReloadHub {
  /** Answers the event-stream request of a page. */
  connect(request: IncomingMessage, response: ServerResponse): void;
  /** Open pages showing one of `pages` (URL paths, as pagesToReload gives them) reload; every open page when undefined. */
  reload(pages?: readonly string[]): void;
  /** Every open page shows these problems, and so will pages opened until the next good build. */
  fail(problems: string[]): void;
  injectInto(html: string): string;
  close(): void;
}

export function createReloadHub(): ReloadHub {
  const clients = new Set<ServerResponse>();
  let problems: string[] = [];
  const send = (response: ServerResponse, event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  return {
    connect(request, response) {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
      response.write('retry: 500\n\n');
      if (problems.length > 0) send(response, 'problems', problems);
      clients.add(response);
      request.on('close', () => clients.delete(response));
    },
    reload(pages) {
      problems = [];
      for (const client of clients) send(client, 'reload', pages === undefined ? {} : { pages });
    },
    fail(next) {
      problems = next;
      for (const client of clients) send(client, 'problems', problems);
    },
    injectInto(html) {
      const script = `<script>${CLIENT}</script>`;
      return html.includes('</body>') ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${script}\n</body>`) : html + script;
    },
    close() {
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}

/**
 * The URL paths of written or removed output files (paths in the output folder) that open pages
 * show, so that only those pages reload; undefined (every page) when one is a file that pages use,
 * a stylesheet, a script or an image, or the 404 page, which any missing URL shows.
 */
export function pagesToReload(files: readonly string[], basePath: string): string[] | undefined {
  const pages: string[] = [];
  for (const file of files) {
    const document = /\.(html?|xml|txt)$/.test(file) || path.posix.basename(file) === FEED_FILES.json;
    if (file === NOT_FOUND_PAGE || !document) return undefined;
    pages.push(basePath + file.replace(/(^|\/)index\.html$/, '$1'));
  }
  return pages;
}

// Runs in the reader's browser. Plain ES2017, no dependencies; text goes in with textContent only.
const CLIENT = `(() => {
  const source = new EventSource(${JSON.stringify(EVENTS_PATH)});
  let overlay;
  source.addEventListener('reload', (event) => {
    const pages = JSON.parse(event.data).pages;
    let here = location.pathname.replace(/index.html$/, '');
    try {
      here = decodeURI(here);
    } catch (error) {}
    if (!pages || pages.includes(here)) location.reload();
  });
  source.addEventListener('problems', (event) => {
    const problems = JSON.parse(event.data);
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'gazette-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;background:rgba(16,16,16,.97);color:#fff;font:14px/1.5 ui-monospace,monospace';
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement('h2');
    title.textContent = 'Gazette: the last change did not build';
    title.style.cssText = 'margin:0 0 1rem;font:bold 18px system-ui,sans-serif;color:#ff8a80';
    const list = document.createElement('pre');
    list.textContent = problems.join('\\n');
    list.style.cssText = 'white-space:pre-wrap;margin:0';
    const note = document.createElement('p');
    note.textContent = 'The page below is the last good build. Fix the file and save: this page reloads by itself.';
    note.style.cssText = 'color:#bbb;font-family:system-ui,sans-serif';
    overlay.append(title, list, note);
  });
})();`;
