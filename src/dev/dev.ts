// `gazette dev`: build into a private folder with drafts and scheduled stories shown, serve it,
// watch the sources, and after each burst of changes rebuild only what they touched, sync only the
// files whose bytes changed and reload open pages. A failed rebuild keeps the last good site served
// and shows its problems over the page until a later rebuild succeeds.

import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { BuildReport } from '../build.js';
import { loadConfig } from '../config.js';
import type { Config, ConfigOverrides } from '../config-types.js';
import { BuildFailed, GazetteError } from '../errors.js';
import { type Builder, createBuilder } from '../incremental/builder.js';
import { lockOutput, type OutputLock } from '../output/lock.js';
import { EVENTS_PATH } from '../urls/paths.js';
import { createReloadHub, pagesToReload } from './reload.js';
import { createSiteHandler, type RequestHandler } from './server.js';
import { configFiles, describeWatched, settingsFiles, watchedFolders } from './sources.js';
import { type ProjectWatcher, watchProject } from './watch.js';

/** Where `gazette dev` writes, unless --out says otherwise: never the published output folder. */
export const DEV_OUTPUT = '.gazette/dev';

export interface DevOptions {
  root: string;
  overrides: ConfigOverrides;
  port: number;
  host: string;
  log: (line: string) => void;
  /** Quiet time that ends a burst of file events. */
  settleMs?: number;
  /** Read and keep the build cache (default true), so that a restart does not render every story again. */
  cache?: boolean;
  /** An abort stops the build in progress at once; during the first build, startDev then throws its reason. */
  signal?: AbortSignal;
  /** How long to wait for a build writing the output folder (default: none). */
  waitMs?: number;
}

export interface DevServer {
  /** The site's address, with its base path. */
  url: string;
  config: Config;
  /** Resolves once every change seen so far is rebuilt. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export type RebuildOutcome = ({ ok: true; report: BuildReport; ms: number } | { ok: false; problems: string[]; ms: number }) & { firstPages?: FirstPages };

/** The pages of edited stories, written before the rebuild (see Builder.firstPages). */
interface FirstPages {
  written: string[];
  ms: number;
}

export async function startDev(options: DevOptions): Promise<DevServer> {
  const given = options.overrides;
  const overrides: ConfigOverrides = { ...given, drafts: given.drafts ?? true, future: given.future ?? true, out: given.out ?? DEV_OUTPUT };
  const configAt = (baseUrl?: string) => loadConfig(options.root, { ...overrides, baseUrl });
  const config = configAt();
  // The output folder is the dev server's alone while it runs (see output/lock.ts); it stays the
  // same when the configuration is read again, as --out or DEV_OUTPUT names it.
  const lock = await lockOutput(config, 'dev', { waitMs: options.waitMs ?? 0, note: options.log });
  try {
    return await serve(options, overrides, configAt, config, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The dev server on the folder it holds the lock of. */
async function serve(
  options: DevOptions,
  overrides: ConfigOverrides,
  configAt: (baseUrl?: string) => Config,
  read: Config,
  lock: OutputLock,
): Promise<DevServer> {
  let config = read;
  const hub = createReloadHub();
  let site: RequestHandler = handlerFor(config);
  let firstBuild: Promise<unknown> = Promise.resolve();
  const server = createServer((request, response) => {
    if ((request.url ?? '').split('?')[0] === EVENTS_PATH) return hub.connect(request, response);
    void firstBuild.then(() => site(request, response));
  });
  const port = await listen(server, options.port, options.host);
  const address = `http://${displayHost(options.host)}:${port}`;
  config = configAt(options.overrides.baseUrl ?? `${address}${config.basePath}`);
  site = handlerFor(config);

  // Pages first: the search index, which Pagefind makes again after a story's text changed, is
  // written when it is ready, between rebuilds, so that a save shows in the browser at once.
  const { signal } = options;
  let builder: Builder = createBuilder(config, { cache: options.cache, deferSearch: true, signal });
  let failing = false;
  let watcher: ProjectWatcher | undefined;
  let pending = new Set<string>();
  let draining: Promise<void> | undefined;
  let writeSearch: (() => Promise<unknown>) | undefined;
  let closed = false;

  async function rebuild(changed?: Set<string>): Promise<RebuildOutcome> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const settings = settingsFiles(options.root, overrides, config);
      if (changed && [...changed].some((file) => settings.includes(file))) {
        const next = configAt(options.overrides.baseUrl ?? `${address}${configAt().basePath}`);
        void builder.close();
        builder = createBuilder(next, { output: builder.output, cache: options.cache, deferSearch: true, signal });
        if (watchedFolders(next).join('\n') !== watchedFolders(config).join('\n')) {
          await watcher?.close();
          watcher = await watchSources(next);
        }
        config = next;
        site = handlerFor(config);
        changed = undefined;
      }
      const report = await builder.build(changed);
      const touched = [...report.written, ...report.removed];
      if (failing) hub.reload();
      else if (touched.length > 0) hub.reload(pagesToReload(touched, config.basePath));
      failing = false;
      for (const warning of report.warnings) options.log(`warning: ${warning.format()}`);
      return { ok: true, report, ms: ms() };
    } catch (error) {
      const problems = problemsOf(error);
      failing = true;
      hub.fail(problems);
      return { ok: false, problems, ms: ms() };
    }
  }

  function schedule(changed: Set<string>): void {
    for (const file of changed) pending.add(file);
    draining ??= drain();
  }

  async function drain(): Promise<void> {
    while (pending.size > 0 || writeSearch) {
      if (pending.size === 0) {
        const write = writeSearch;
        writeSearch = undefined;
        if (!closed) await write?.().catch((error: unknown) => options.log(`warning: the search index was not written: ${problemsOf(error).join('; ')}`));
        continue;
      }
      const batch = pending;
      pending = new Set();
      const firstPages = await writeFirstPages(batch);
      const outcome = { ...(await rebuild(batch)), firstPages };
      // A rebuild stopped because dev is stopping has nothing to say.
      if (signal?.aborted) break;
      logRebuild(options.log, batch, outcome, options.root);
      if (outcome.ok) void awaitSearchIndex(builder);
    }
    draining = undefined;
  }

  /** An edited story's page is written and reloaded at once; the rebuild then makes everything else. */
  async function writeFirstPages(changed: Set<string>): Promise<FirstPages | undefined> {
    if (failing) return undefined;
    const started = performance.now();
    // A page that cannot be written first is made by the rebuild, which reports why.
    const written = await builder.firstPages(changed).catch(() => []);
    if (written.length === 0) return undefined;
    hub.reload(pagesToReload(written, config.basePath));
    return { written, ms: Math.round(performance.now() - started) };
  }

  /** When Pagefind is done, the index is written in the queue's next turn (a stale one writes nothing). */
  async function awaitSearchIndex(current: Builder): Promise<void> {
    let write: Awaited<ReturnType<Builder['searchIndexed']>>;
    try {
      write = await current.searchIndexed();
    } catch (error) {
      options.log(`warning: the search index was not made: ${problemsOf(error).join('; ')}`);
      return;
    }
    if (write === undefined || closed || current !== builder) return;
    writeSearch = write;
    draining ??= drain();
  }

  async function watchSources(current: Config): Promise<ProjectWatcher> {
    const next = watchProject([...watchedFolders(current), ...configFiles(options.root, overrides)], schedule, { settleMs: options.settleMs });
    await next.ready;
    return next;
  }

  const initial = rebuild();
  firstBuild = initial;
  const outcome = await initial;
  if (signal?.aborted) {
    hub.close();
    server.closeAllConnections();
    await Promise.all([builder.close(), new Promise((resolve) => server.close(resolve))]);
    throw signal.reason;
  }
  if (outcome.ok) void awaitSearchIndex(builder);
  options.log(
    outcome.ok
      ? `Built ${outcome.report.stories} stories into ${outcome.report.pages} pages in ${outcome.ms} ms (drafts and scheduled stories shown)`
      : `The site did not build:\n${outcome.problems.join('\n')}\nFix the files and save: Gazette keeps watching.`,
  );
  watcher = await watchSources(config);
  options.log(`Serving ${config.title} at ${config.baseUrl}`);
  options.log(`Watching ${describeWatched(config, options.root)} and the configuration. Press Ctrl+C to stop.`);

  return {
    url: config.baseUrl,
    get config() {
      return config;
    },
    async idle() {
      while (draining) await draining;
    },
    async close() {
      closed = true;
      await watcher?.close();
      while (draining) await draining;
      await builder.close();
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      lock.release();
    },
  };

  function handlerFor(current: Config): RequestHandler {
    return createSiteHandler({ root: current.outDir, basePath: current.basePath, transformHtml: hub.injectInto });
  }
}

function problemsOf(error: unknown): string[] {
  if (error instanceof BuildFailed) return error.problems.map((problem) => problem.format());
  if (error instanceof GazetteError) return [error.format()];
  return [`unexpected error: ${(error as Error).message ?? String(error)} (run "gazette build --debug" to see where)`];
}

function logRebuild(log: (line: string) => void, changed: Set<string>, outcome: RebuildOutcome, root: string): void {
  const files = [...changed].map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
  const what = files.length === 1 ? files[0] : `${files.length} files (${files[0]}, …)`;
  const clock = new Date().toTimeString().slice(0, 8);
  const first = outcome.firstPages
    ? `${outcome.firstPages.written.length === 1 ? 'its page' : `${outcome.firstPages.written.length} pages`} written in ${outcome.firstPages.ms} ms; `
    : '';
  if (outcome.ok) {
    const { written, removed } = outcome.report;
    log(
      `${clock} ${what} changed: ${first}rebuilt in ${outcome.ms} ms, ${written.length} ${written.length === 1 ? 'file' : 'files'} written, ${removed.length} removed`,
    );
  } else {
    log(
      `${clock} ${what} changed: the rebuild failed in ${outcome.ms} ms, still serving the last good site\n${outcome.problems.map((problem) => `  ${problem}`).join('\n')}`,
    );
  }
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === '::1') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new GazetteError({
              code: 'usage',
              field: '--port',
              message: `port ${port} is already in use`,
              hint: 'stop the other server or choose another port with --port',
            })
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
