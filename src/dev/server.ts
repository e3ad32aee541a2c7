// A static server for a built site: pretty URLs (a folder serves its index.html), content types
// fit for feeds, HEAD requests, the site's 404 page, and nothing outside the output folder:
// no traversal, no encoded slashes, no directory listings, no symlinks that lead out.

import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import mime from 'mime-types';
import { NOT_FOUND_PAGE } from '../urls/paths.js';

export interface ServeOptions {
  /** The folder to serve (the output folder). */
  root: string;
  /** The path the site lives under, `/` or `/news/`. */
  basePath: string;
  /** Rewrites every HTML response (the dev loop adds its reload script here). */
  transformHtml?: (html: string) => string;
}

/**
 * RSS and Atom as static hosts serve `.xml` files: browsers apply a feed's XSLT stylesheet (the feed
 * page) only to a document served as XML; a feed reader reads either type.
 */
const FEED_TYPES: Record<string, string> = {
  'feed.xml': 'application/xml; charset=utf-8',
  'atom.xml': 'application/xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
};

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export function createSiteServer(options: ServeOptions): Server {
  return createServer(createSiteHandler(options));
}

export function createSiteHandler(options: ServeOptions): RequestHandler {
  return (request, response) => {
    serve(request, response, options).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Internal error');
    });
  };
}

type Resolved = { kind: 'file'; file: string } | { kind: 'redirect'; location: string } | { kind: 'forbidden' } | { kind: 'missing' };

async function serve(request: IncomingMessage, response: ServerResponse, options: ServeOptions): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
    return;
  }
  const resolved = await resolveRequest(request.url ?? '/', options);
  switch (resolved.kind) {
    case 'file':
      return sendFile(request, response, resolved.file, 200, options);
    case 'redirect':
      response.writeHead(301, { location: resolved.location }).end();
      return;
    case 'forbidden':
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden');
      return;
    case 'missing': {
      const notFound = await fileInside(options.root, NOT_FOUND_PAGE);
      if (notFound && notFound !== 'outside') return sendFile(request, response, notFound, 404, options);
      if (options.transformHtml) {
        const body = Buffer.from(options.transformHtml(NOT_FOUND_HTML));
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
        response.end(request.method === 'HEAD' ? undefined : body);
        return;
      }
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    }
  }
}

export async function resolveRequest(rawUrl: string, options: Pick<ServeOptions, 'root' | 'basePath'>): Promise<Resolved> {
  const pathname = rawUrl.split(/[?#]/)[0] ?? '/';
  if (!pathname.startsWith(options.basePath)) {
    return pathname === '/' || pathname === options.basePath.slice(0, -1) ? { kind: 'redirect', location: options.basePath } : { kind: 'missing' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname.slice(options.basePath.length));
  } catch {
    return { kind: 'forbidden' };
  }
  // An encoded slash or backslash, a NUL, or a ".." segment is an attempt to leave the site.
  if (/%2f|%5c/i.test(pathname) || decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
    return { kind: 'forbidden' };
  }
  const relative = decoded.replace(/^\/+/, '');
  const target = await fileInside(options.root, relative);
  if (target === 'outside') return { kind: 'forbidden' };
  if (target) return { kind: 'file', file: target };
  const index = await fileInside(options.root, path.posix.join(relative, 'index.html'));
  if (index === 'outside') return { kind: 'forbidden' };
  if (index) return relative === '' || relative.endsWith('/') ? { kind: 'file', file: index } : { kind: 'redirect', location: `${pathname}/` };
  return { kind: 'missing' };
}

/** The real path of a regular file inside root; 'outside' when a symlink leads out of it. */
async function fileInside(root: string, relative: string): Promise<string | undefined | 'outside'> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(path.join(realRoot, relative));
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return 'outside';
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Served when a site has no 404 page of its own (or no site was built yet) and HTML is wanted. */
const NOT_FOUND_HTML = '<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>Not found</title>\n<body>\n<h1>Not found</h1>\n</body>\n</html>\n';

async function sendFile(request: IncomingMessage, response: ServerResponse, file: string, status: number, options: ServeOptions): Promise<void> {
  const type = FEED_TYPES[path.basename(file)] ?? (mime.contentType(path.extname(file)) || 'application/octet-stream');
  const headers = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (options.transformHtml && type.startsWith('text/html')) {
    const body = Buffer.from(options.transformHtml(await readFile(file, 'utf8')));
    response.writeHead(status, { ...headers, 'content-length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
    return;
  }
  const { size } = await stat(file);
  response.writeHead(status, { ...headers, 'content-length': size });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
