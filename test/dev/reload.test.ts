// Live reload: the script goes into HTML answers of the dev server only, and open pages hear a
// "reload" after each good rebuild and the problems of a failed one, also when they connect late.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createReloadHub, pagesToReload, type ReloadHub } from '../../src/dev/reload.js';
import { EVENTS_PATH } from '../../src/urls/paths.js';

/** Reads server-sent events from a stream as { event, data } pairs. */
async function* events(url: string): AsyncGenerator<{ event: string; data: unknown }> {
  const response = await fetch(url);
  assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) yield { event, data: JSON.parse(data) };
    }
  }
}

describe('pagesToReload', () => {
  it('names the pages, feeds and texts written by their URLs under the base path', () => {
    const written = [
      'index.html',
      '2020/10/01/story/index.html',
      'tags/algérie/page/2/index.html',
      'feed.xml',
      'tags/sahel/feed.json',
      '2020/10/01/email.txt',
      'sitemap.xml',
    ];
    assert.deepEqual(pagesToReload(written, '/news/'), [
      '/news/',
      '/news/2020/10/01/story/',
      '/news/tags/algérie/page/2/',
      '/news/feed.xml',
      '/news/tags/sahel/feed.json',
      '/news/2020/10/01/email.txt',
      '/news/sitemap.xml',
    ]);
  });

  it('reloads every page for a file pages use, or for the 404 page', () => {
    for (const file of ['assets/site.css', 'assets/search.js', 'images/chart.png', 'data/figures.json', '404.html']) {
      assert.equal(pagesToReload(['index.html', file], '/'), undefined, file);
    }
  });
});

describe('the reload hub', () => {
  let hub: ReloadHub;
  let server: Server;
  let url: string;
  before(async () => {
    hub = createReloadHub();
    server = createServer((request, response) => hub.connect(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${EVENTS_PATH}`;
  });
  after(() => {
    hub.close();
    server.closeAllConnections();
    server.close();
  });

  it('puts its script just before the last </body>, or at the end of a page without one', () => {
    const page = hub.injectInto('<html><body><pre></body></pre></body></html>');
    assert.match(page, /^<html><body><pre><\/body><\/pre><script>[\s\S]*new EventSource\("\/__gazette\/events"\)[\s\S]*<\/script>\n<\/body><\/html>$/);
    assert.match(hub.injectInto('<p>fragment'), /^<p>fragment<script>/);
  });

  it('shows problems as text, never as HTML', () => {
    const script = hub.injectInto('</body>');
    assert.match(script, /textContent = problems\.join/);
    assert.doesNotMatch(script, /innerHTML|insertAdjacentHTML|document\.write/);
  });

  it('sends problems to open pages and to pages that connect later, then a reload that clears them', async () => {
    const early = events(url);
    const first = early.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    hub.fail(['content/a.md:2:1  title  is missing  [field-missing]']);
    assert.deepEqual((await first).value, { event: 'problems', data: ['content/a.md:2:1  title  is missing  [field-missing]'] });

    const late = events(url);
    assert.deepEqual((await late.next()).value, { event: 'problems', data: ['content/a.md:2:1  title  is missing  [field-missing]'] });

    const reloadEarly = early.next();
    const reloadLate = late.next();
    hub.reload();
    assert.deepEqual(
      [(await reloadEarly).value, (await reloadLate).value],
      [
        { event: 'reload', data: {} },
        { event: 'reload', data: {} },
      ],
    );

    const targeted = early.next();
    hub.reload(['/2020/10/01/story/']);
    assert.deepEqual((await targeted).value, { event: 'reload', data: { pages: ['/2020/10/01/story/'] } });

    const after = events(url);
    const next = after.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    hub.reload();
    assert.deepEqual((await next).value, { event: 'reload', data: {} }, 'no stale problems after a good build');
    await Promise.all([early.return(undefined), late.return(undefined), after.return(undefined)]);
  });
});
