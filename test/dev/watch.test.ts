// The watcher turns bursts of file events into one batch of paths, and loses none.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { type ProjectWatcher, watchProject } from '../../src/dev/watch.js';

describe('watchProject', () => {
  let folder: string;
  let watcher: ProjectWatcher | undefined;
  let batches: Set<string>[];

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'gazette-watch-'));
    await mkdir(path.join(folder, 'content'));
    batches = [];
    watcher = watchProject([path.join(folder, 'content')], (changed) => batches.push(changed), { settleMs: 100 });
    await watcher.ready;
  });
  afterEach(async () => {
    await watcher?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function settled(expected: number): Promise<Set<string>> {
    for (let waited = 0; waited < 15_000; waited += 50) {
      const seen = new Set(batches.flatMap((batch) => [...batch]));
      if (seen.size >= expected) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return new Set(batches.flatMap((batch) => [...batch]));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`only ${batches.flatMap((batch) => [...batch]).length} of ${expected} changes were reported`);
  }

  it('reports a burst of 500 new files (a git checkout) in a few batches, none lost', async () => {
    const files = Array.from({ length: 500 }, (_, index) => path.join(folder, 'content', `day-${index % 20}`, `story-${index}.md`));
    await Promise.all([...new Set(files.map((file) => path.dirname(file)))].map((day) => mkdir(day)));
    await Promise.all(files.map((file) => writeFile(file, '---\ntitle: T\n---\n')));
    const seen = await settled(500);
    for (const file of files) assert.ok(seen.has(file), `${file} was reported`);
    assert.ok(batches.length <= 3, `${batches.length} batches for one burst`);
  });

  it("reports an editor's atomic save (write a temporary file, rename it over the story) as a change of the story", async () => {
    const story = path.join(folder, 'content', 'story.md');
    await writeFile(story, 'first');
    await settled(1);
    batches = [];
    const temporary = path.join(folder, 'content', '.story.md.swp');
    await writeFile(temporary, 'second');
    await rename(temporary, story);
    const seen = await settled(1);
    assert.ok(seen.has(story));
    assert.ok(![...seen].some((file) => path.basename(file).startsWith('.')), 'hidden temporary files are ignored');
  });

  it('reports deletions and renames by both names', async () => {
    const before = path.join(folder, 'content', 'before.md');
    const gone = path.join(folder, 'content', 'gone.md');
    await writeFile(before, 'x');
    await writeFile(gone, 'y');
    await settled(2);
    batches = [];
    const after = path.join(folder, 'content', 'after.md');
    await rename(before, after);
    await rm(gone);
    const seen = await settled(3);
    assert.deepEqual([...seen].sort(), [after, before, gone].sort());
  });
});
