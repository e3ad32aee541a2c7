import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { HEAP_GROWTH_PERCENT, heapGrowthFlag } from '../src/heap.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));

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
    const run = (nodeFlags: string[]) => promisify(execFile)(process.execPath, [...nodeFlags, path.join(REPO, 'bin/gazette.js'), '--version']);
    const [bounded, given] = await Promise.all([run([]), run(['--heap-growing-percent=50'])]);
    assert.match(bounded.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(given.stdout, bounded.stdout);
  });
});
