import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { boundsHeap, HEAP_GROWTH_PERCENT, heapGrowthFlag, LARGE_ARCHIVE_FILES } from '../../src/incremental/heap.js';
import type { UpToDate } from '../../src/incremental/up-to-date.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('heapGrowthFlag', () => {
  it('bounds the heap growth of a process started without a setting of its own', () => {
    assert.equal(heapGrowthFlag([]), `--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
    assert.equal(heapGrowthFlag(['--enable-source-maps', '--max-old-space-size=4096']), `--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
  });

  it("leaves Node's own setting, in either spelling, as it is", () => {
    assert.equal(heapGrowthFlag(['--heap-growing-percent=50']), undefined);
    assert.equal(heapGrowthFlag(['--heap_growing_percent=50']), undefined);
    assert.equal(heapGrowthFlag(['--heap-growing-percent', '50']), undefined);
  });

  it('does not stop the gazette command, with or without a setting given to Node', async () => {
    // `gazette check` renders every story, so it bounds the heap (see boundsHeap).
    const run = (nodeFlags: string[]) => promisify(execFile)(process.execPath, [...nodeFlags, path.join(REPO, 'bin/gazette.js'), 'check'], { cwd: REPO });
    const [bounded, given] = await Promise.all([run([]), run(['--heap-growing-percent=50'])]);
    assert.match(bounded.stdout, /^Checked \d+ stories and \d+ pages in \d+ ms: no problems\n$/);
    assert.equal(given.stdout.replace(/\d+ ms/, ''), bounded.stdout.replace(/\d+ ms/, ''));
  });
});

describe('boundsHeap', () => {
  const rebuild = (files: number, outputIntact: boolean): UpToDate => ({
    upToDate: false,
    outputIntact,
    snapshot: { files: new Map(Array.from({ length: files }, (_, index) => [`/site/content/${index}.md`, { text: `${index}` }])) },
  });

  it('bounds a build that renders every story: without the cache, a check, a first build, a build over a changed output', () => {
    assert.equal(boundsHeap(undefined), true);
    assert.equal(boundsHeap(rebuild(10, false)), true);
  });

  it('leaves unbounded a rebuild of a small archive whose output stands, and a build with nothing to do', () => {
    assert.equal(boundsHeap(rebuild(LARGE_ARCHIVE_FILES - 1, true)), false);
    assert.equal(boundsHeap({ upToDate: true, report: { stories: 1, pages: 1, files: 1, warnings: [] } }), false);
  });

  it('bounds any rebuild of a large archive', () => {
    assert.equal(boundsHeap(rebuild(LARGE_ARCHIVE_FILES, true)), true);
  });
});
