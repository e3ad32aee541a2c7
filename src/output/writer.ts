// The site's writer, as a build hands it each file: what the output folder holds under a file's
// key is kept, anything else written. A build (and the dev loop's first) writes a new site beside
// the current one and puts it in place at the commit (staging.ts); the dev loop's later builds sync
// their folder in place (sync.ts); `gazette check` writes nothing.

import path from 'node:path';
import type { Config } from '../config-types.js';
import { failIfAny, GazetteError } from '../errors.js';
import { foldCase } from '../urls/paths.js';
import { type CopiedFile, keyOfBytes, type OutputFile, type OutputState, outputStateOf, type PageMade } from './files.js';
import { openStaging, type Staging } from './staging.js';
import { syncSite } from './sync.js';

/** How a build leaves its output: swapped in whole, synced in place (dev), or not written (check). */
export type WriteMode = 'swap' | 'sync' | 'none';

/** What the output folder holds, as the last build left it. */
export interface OutputHeld {
  /** The key of each file, when known. */
  state: OutputState | undefined;
  /** The files named by their inputs, by path (see pages/plan.ts). */
  made: ReadonlyMap<string, PageMade> | undefined;
  /** The folder is known to be exactly `state`: a build may patch it in place. */
  intact: boolean;
}

export const NOTHING_HELD: OutputHeld = { state: undefined, made: undefined, intact: false };

/** A file of the site, named by its inputs when they are known. */
export type SiteFile = OutputFile & { inputs?: string };

export interface SiteWriter {
  /** Whether the output folder holds `key` at `file`. */
  holds(file: string, key: string): boolean;
  /** The key of what the output folder holds at `file`, when it was made from these inputs. */
  madeFrom(file: string, inputs: string | undefined): string | undefined;
  /** Resolves when the writer has room for more, so a caller that awaits each file holds only a few files' text. */
  add(file: SiteFile): Promise<void>;
  /** A file copied as it is (a static file, a picture), kept when the output folder holds its key. */
  copy(copy: CopiedFile & { key: string }): Promise<void>;
  commit(): Promise<WrittenSite>;
  abort(): Promise<void>;
}

export interface WrittenSite {
  /** What the output folder holds now (none for `gazette check`). */
  state: OutputState | undefined;
  /** The output folder's identity (see marker.ts), after a swap or patch. */
  identity: string | undefined;
  /** The files named by their inputs. */
  made: Map<string, PageMade>;
  files: number;
  written: string[];
  removed: string[];
  patched: boolean;
}

export interface WriterOptions {
  signal?: AbortSignal;
  /** A file that may not be written there (an alias's page needs the place): the commit fails with the problem. */
  refuse?: (file: string) => GazetteError | undefined;
}

export async function openWriter(config: Config, mode: WriteMode, held: OutputHeld, options: WriterOptions = {}): Promise<SiteWriter> {
  const holds = (file: string, key: string) => held.state?.get(file) === key;
  // A build that replaces its output (or the dev loop's first) writes each file as soon as it is
  // made, so that only a few files' text are held at a time; the dev loop's later builds sync theirs.
  const replaces = mode === 'swap' || (mode === 'sync' && held.state === undefined);
  const staging: Staging | undefined = replaces ? await openStaging(config, options.signal, held.intact ? held.state : undefined) : undefined;
  const files: OutputFile[] = [];
  const copies: CopiedFile[] = [];
  const made = new Map<string, PageMade>();
  const written: string[] = [];
  const refused = new Set<GazetteError>();
  const refuses = (file: string) => {
    const problem = options.refuse?.(file);
    if (problem) refused.add(problem);
    return problem !== undefined;
  };
  const add = async (file: SiteFile) => {
    if (refuses(file.path)) return;
    if (file.inputs !== undefined && file.key !== undefined) made.set(file.path, { inputs: file.inputs, key: file.key });
    const { inputs: _inputs, ...rendered } = file;
    if (staging === undefined) return void files.push(rendered);
    // A file made again with the bytes the output folder holds is kept, not written: a deploy uploads what changed.
    const key = rendered.contents === undefined ? rendered.key : (rendered.key ?? keyOfBytes(rendered.contents));
    const output = rendered.contents !== undefined && holds(rendered.path, key) ? { path: rendered.path, key } : rendered;
    await staging.add(output);
    if (output.contents !== undefined) written.push(output.path);
    files.push({ path: output.path, key });
  };

  return {
    holds,
    madeFrom(file, inputs) {
      const before = inputs === undefined ? undefined : held.made?.get(file);
      return before !== undefined && before.inputs === inputs && holds(file, before.key) ? before.key : undefined;
    },
    add,
    async copy(copy) {
      if (refuses(copy.path)) return;
      if (holds(copy.path, copy.key)) return add({ path: copy.path, key: copy.key });
      copies.push(copy);
      if (staging === undefined) return;
      await staging.copy(copy);
      written.push(copy.path);
    },
    async commit() {
      failIfAny([...refused]);
      rejectSharedDestinations(files, copies, config.root);
      const site: WrittenSite = { state: undefined, identity: undefined, made, files: files.length + copies.length, written, removed: [], patched: false };
      if (staging !== undefined) {
        site.identity = await staging.commit();
        site.patched = staging.patched;
        site.removed = staging.removed;
        site.state = await outputStateOf(files, copies);
      } else if (mode === 'sync' && held.state !== undefined) {
        const synced = await syncSite(config, files, copies, held.state);
        return { ...site, state: synced.state, written: synced.written, removed: synced.removed };
      }
      return site;
    },
    abort: async () => staging?.abort(),
  };
}

/** A static file may not replace a page or feed: two owners of one URL is an error, not a race. */
function rejectSharedDestinations(files: readonly OutputFile[], copies: readonly { from: string; path: string }[], root: string): void {
  // The copies are few (static files, pictures), the files many: only the copies' paths are held.
  const copied = new Set(copies.map((copy) => foldCase(copy.path)));
  const written = new Map<string, string>();
  for (const file of files) {
    const folded = foldCase(file.path);
    if (copied.has(folded)) written.set(folded, file.path);
  }
  failIfAny(
    copies
      .filter((copy) => written.has(foldCase(copy.path)))
      .map(
        (copy) =>
          new GazetteError({
            code: 'permalink-duplicate',
            file: path.relative(root, copy.from).split(path.sep).join('/'),
            message: `would replace the generated /${written.get(foldCase(copy.path))}`,
            hint: 'rename or move the static file',
          }),
      ),
  );
}
