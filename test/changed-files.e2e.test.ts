// --changed-files: the output files a build wrote and removed, for a deploy step that uploads and
// purges only those; exact with the build cache, empty when nothing changed.

import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT, type Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { copySampleProject, listFiles, type Project, SAMPLE_NOW } from './support/project.js';

const PAGE = '+ 2020/10/03/solar-mini-grids-bring-evening-light-to-villages-in-western-niger/index.html';

describe('gazette build --changed-files', () => {
  let project: Project;
  let list: string;
  before(async () => {
    project = await copySampleProject();
    list = path.join(project.root, 'changed.txt');
  });
  after(() => project.remove());

  async function build(...argv: string[]): Promise<string[]> {
    const err: string[] = [];
    const io: Io = { out: () => undefined, err: (line) => err.push(line), cwd: project.root };
    assert.equal(await main(['build', '--now', SAMPLE_NOW, '--changed-files', 'changed.txt', ...argv], io, {}), EXIT.ok, err.join('\n'));
    const text = await readFile(list, 'utf8');
    assert.ok(text === '' || text.endsWith('\n'), 'one line a file, each ending in a newline');
    return text.split('\n').filter(Boolean);
  }

  it('lists every file of a first build as written, then nothing when nothing changed', async () => {
    const first = await build();
    assert.deepEqual(
      first,
      (await listFiles(project.out)).filter((file) => file !== '.gazette-output').map((file) => `+ ${file}`),
    );
    assert.deepEqual(await build(), []);
  });

  it('lists the files an edit changed, and the files of a removed story as removed', async () => {
    const story = path.join(project.root, 'content/2020/10/03/niger-solar-mini-grids.md');
    await writeFile(story, `${await readFile(story, 'utf8')}\nA paragraph added by the desk.\n`);
    const edited = await build();
    assert.ok(edited.includes(PAGE), edited.join('\n'));
    assert.ok(edited.includes('+ feed.xml'), edited.join('\n'));
    assert.ok(edited.length < 40, `only what changed: ${edited.length} files`);
    // What the search index no longer uses goes, as its files are named by their bytes.
    assert.ok(
      edited.filter((line) => line.startsWith('- ')).every((line) => line.startsWith('- pagefind/')),
      edited.join('\n'),
    );
    assert.ok(!edited.includes('+ robots.txt'), 'a file made again with the same bytes is kept');

    await rm(story);
    const removed = await build('--allow-moved');
    assert.ok(removed.includes(PAGE.replace('+', '-')), removed.join('\n'));
    for (const line of removed.filter((entry) => entry.startsWith('- '))) {
      assert.equal(await readFile(path.join(project.out, line.slice(2))).catch(() => 'gone'), 'gone', line);
    }
    assert.deepEqual(removed, [...removed.filter((line) => line.startsWith('+ ')).sort(), ...removed.filter((line) => line.startsWith('- ')).sort()]);
  });

  it('refuses a list inside the output folder, which holds only the site', async () => {
    const err: string[] = [];
    const io: Io = { out: () => undefined, err: (line) => err.push(line), cwd: project.root };
    assert.equal(await main(['build', '--now', SAMPLE_NOW, '--changed-files', 'dist/changed.txt'], io, {}), EXIT.usage);
    assert.equal(
      err.join('\n'),
      `--changed-files  "${path.join(project.out, 'changed.txt')}" is inside the output folder, which holds only the site  (write it elsewhere, e.g. --changed-files changed.txt)  [usage]`,
    );
  });
});
