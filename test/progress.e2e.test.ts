// The build's stages report through the build options' callback, and the CLI shows them: in a CI
// log one line a stage, in order, on standard error; --quiet shows none; the final line says what changed.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EXIT, type Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { copySampleProject, type Project, SAMPLE_NOW } from './support/project.js';

describe('a build in a CI log', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  async function build(...argv: string[]): Promise<{ out: string[]; status: string }> {
    const out: string[] = [];
    let status = '';
    const io: Io = { out: (line) => out.push(line), err: () => undefined, cwd: project.root, status: { terminal: false, write: (text) => (status += text) } };
    assert.equal(await main(['build', '--now', SAMPLE_NOW, ...argv], io, {}), EXIT.ok);
    return { out, status };
  }

  it('prints a line as each stage starts, then the final line', async () => {
    const { out, status } = await build('--no-cache');
    assert.equal(
      status,
      [
        'reading the stories',
        'rendering Markdown: 15 to do',
        'publishing the pictures',
        'writing the pages',
        'writing the feeds',
        'finishing the search index, sitemaps and static files',
        '',
      ].join('\n'),
    );
    assert.equal(out.length, 1);
    assert.match(out[0] ?? '', /^Built 15 stories into 89 pages in dist\/ in \d+ ms \((\d+) files: \1 written, 0 removed, 0 kept\)$/);
  });

  it('prints nothing but problems with --quiet', async () => {
    assert.deepEqual(await build('--quiet', '--no-cache'), { out: [], status: '' });
  });
});
