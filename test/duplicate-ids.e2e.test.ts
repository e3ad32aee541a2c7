// A story copied as a template keeps the original's `id:`: the real CLI refuses the build, naming
// both files and the lines of their ids, and leaves dist/ as it was.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runGazette } from './support/cli-process.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from './support/project.js';

const ORIGINAL = 'content/2020/10/01/us-defense-chief-algeria-visit.md';

describe('two stories with one id', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('stop the build with both files and lines named, and leave dist/ as it was', async () => {
    const built = await runGazette(project.root, ['build', '--now', SAMPLE_NOW]);
    assert.equal(built.code, 0, built.err);
    const before = await snapshot(project.out);
    const original = await readFile(path.join(project.root, ORIGINAL), 'utf8');
    const idLine = original.split('\n').findIndex((line) => line.startsWith('id:')) + 1;
    assert.ok(idLine > 1);
    // The copy gets a title and a date of its own (so a URL of its own), and keeps the id.
    const copy = original.replace(/^title: .*$/m, 'title: "A new story written over a copy"').replace(/^date: .*$/m, 'date: "2020-10-04T09:00:00+01:00"');
    await project.addStory('2020/10/01/copied.md', copy);
    for (const command of ['build', 'check']) {
      const run = await runGazette(project.root, [command, '--now', SAMPLE_NOW]);
      assert.equal(run.code, 1, `${command}: ${run.err}`);
      assert.equal(
        run.err.split('\n')[0],
        `content/2020/10/01/copied.md:${idLine}  id  "urn:uuid:5f0c6f0e-2b7e-4d7a-9c62-3f1f4f0b9a11" is also the feed id of ${ORIGINAL}:${idLine}  ` +
          '(feed readers would take the two for one story: a story copied from another keeps its "id:"; remove it from the copy, or give the copy a new one)  [id-duplicate]',
      );
      assert.deepEqual(await snapshot(project.out), before);
    }
    // Without its id, the copy is known by its own URL.
    await writeFile(path.join(project.root, 'content/2020/10/01/copied.md'), copy.replace(/^id: .*\n/m, ''));
    const fixed = await runGazette(project.root, ['build', '--now', SAMPLE_NOW]);
    assert.equal(fixed.code, 0, fixed.err);
  });
});
