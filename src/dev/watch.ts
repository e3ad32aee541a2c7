// Watch the project's sources with chokidar and report changes in batches: a burst of events (an
// editor's atomic save, a `git checkout` of hundreds of files) settles into one set of paths.

import { type FSWatcher, watch } from 'chokidar';

export interface ProjectWatcher {
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Quiet time after the last event before a batch is reported. */
  settleMs?: number;
}

export function watchProject(paths: string[], onChanges: (changed: Set<string>) => void, options: WatchOptions = {}): ProjectWatcher {
  const settleMs = options.settleMs ?? 30;
  const watcher: FSWatcher = watch(paths, { ignoreInitial: true, ignored: (file) => /(^|[/\\])\.[^/\\]/.test(file) && !paths.includes(file) });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const batch = pending;
    pending = new Set();
    if (batch.size > 0) onChanges(batch);
  };
  watcher.on('all', (_event, file) => {
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, settleMs);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
