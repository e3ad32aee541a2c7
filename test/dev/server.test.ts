// The static server behind `gazette dev`: pretty URLs, content types for feeds, HEAD, the 404 page,
// and nothing served from outside the output folder whatever the request line says.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSiteServer } from '../../src/dev/server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as written: fetch() would normalise `..` away. */
function send(port: number, rawPath: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: rawPath, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the site server', () => {
  let folder: string;
  const servers: { port: number; close: () => void }[] = [];

  async function serve(basePath: string, transformHtml?: (html: string) => string): Promise<number> {
    const server = createSiteServer({ root: path.join(folder, 'site'), basePath, transformHtml });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    servers.push({ port, close: () => server.close() });
    return port;
  }

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'gazette-server-'));
    const site = path.join(folder, 'site');
    await mkdir(path.join(site, '2020/10/01/story'), { recursive: true });
    await mkdir(path.join(site, 'assets'), { recursive: true });
    await writeFile(path.join(site, 'index.html'), '<!doctype html><html><body><h1>Front</h1></body></html>');
    await writeFile(path.join(site, '2020/10/01/story/index.html'), '<!doctype html><html><body><h1>Story</h1></body></html>');
    await writeFile(path.join(site, '404.html'), '<!doctype html><html><body><h1>Page not found</h1></body></html>');
    await writeFile(path.join(site, 'feed.xml'), '<rss/>');
    await writeFile(path.join(site, 'atom.xml'), '<feed/>');
    await writeFile(path.join(site, 'feed.json'), '{}');
    await writeFile(path.join(site, 'assets/style.css'), 'body{}');
    await writeFile(path.join(folder, 'secret.txt'), 'the password');
    await symlink(path.join(folder, 'secret.txt'), path.join(site, 'leak.txt'));
    await symlink(folder, path.join(site, 'outside'));
  });
  after(async () => {
    for (const server of servers) server.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves folders by their index, with the right content types', async () => {
    const port = await serve('/');
    assert.match((await send(port, '/')).body, /Front/);
    assert.match((await send(port, '/2020/10/01/story/')).body, /Story/);
    const types = await Promise.all(
      ['/feed.xml', '/atom.xml', '/feed.json', '/assets/style.css', '/'].map(async (url) => (await send(port, url)).headers['content-type']),
    );
    assert.deepEqual(types, [
      'application/xml; charset=utf-8',
      'application/xml; charset=utf-8',
      'application/feed+json; charset=utf-8',
      'text/css; charset=utf-8',
      'text/html; charset=utf-8',
    ]);
  });

  it('redirects a folder without its slash, and / to the base path', async () => {
    const port = await serve('/');
    const folderAnswer = await send(port, '/2020/10/01/story');
    assert.deepEqual([folderAnswer.status, folderAnswer.headers.location], [301, '/2020/10/01/story/']);
    const subPath = await serve('/news/');
    for (const url of ['/', '/news']) {
      const answer = await send(subPath, url);
      assert.deepEqual([answer.status, answer.headers.location], [301, '/news/'], url);
    }
    assert.match((await send(subPath, '/news/2020/10/01/story/')).body, /Story/);
    assert.equal((await send(subPath, '/2020/10/01/story/')).status, 404);
  });

  it('answers HEAD with the headers and no body, and refuses other methods', async () => {
    const port = await serve('/');
    const head = await send(port, '/feed.xml', 'HEAD');
    assert.deepEqual([head.status, head.headers['content-length'], head.body], [200, '6', '']);
    const post = await send(port, '/', 'POST');
    assert.deepEqual([post.status, post.headers.allow], [405, 'GET, HEAD']);
  });

  it("serves the site's 404 page for what does not exist, and no directory listings", async () => {
    const port = await serve('/');
    for (const url of ['/nope/', '/2020/10/01/missing/', '/assets/', '/2020/']) {
      const answer = await send(port, url);
      assert.equal(answer.status, 404, url);
      assert.match(answer.body, /Page not found/, url);
    }
  });

  const attempts = [
    '/../secret.txt',
    '/../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/2020/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/etc/passwd%00.html',
    '/%c0%ae%c0%ae/secret.txt',
    '/leak.txt',
    '/outside/secret.txt',
  ];
  for (const attempt of attempts) {
    it(`never serves anything outside the site for ${attempt}`, async () => {
      const port = await serve('/');
      const answer = await send(port, attempt);
      assert.ok(answer.status === 403 || answer.status === 404, `${attempt} answered ${answer.status}`);
      assert.doesNotMatch(answer.body, /the password|root:/);
    });
  }

  it('runs every HTML answer through transformHtml, including a 404 when the site has no 404 page', async () => {
    const port = await serve('/', (html) => html.replace('</body>', '<script>/* reload */</script></body>'));
    assert.match((await send(port, '/')).body, /<script>\/\* reload \*\/<\/script><\/body>/);
    assert.equal((await send(port, '/feed.xml')).body, '<rss/>');
    await rm(path.join(folder, 'site/404.html'));
    const missing = await send(port, '/nothing-here/');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(missing.body, /<h1>Not found<\/h1>[\s\S]*<script>\/\* reload \*\/<\/script>/);
  });
});
