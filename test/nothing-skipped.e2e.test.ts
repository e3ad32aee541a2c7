// Nothing is skipped silently: on the real CLI, a folder or file added, made unreadable or removed
// anywhere under content/, templates/ or static/ after a cached build is seen by the next build; one
// it cannot read is an error naming it (cached, without the cache, and in `gazette check`), and
// dist/ stays as it was. File permissions do not stop root: run as root, the permission tests run
// the CLI as the user nobody; a loop of symbolic links is unreadable to root too.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm, symlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { type Finished, NOBODY, runGazette } from './support/cli-process.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from './support/project.js';

const asRoot = process.getuid?.() === 0;
const STORY =
  '---\ntitle: A story in a folder of its own\ndate: 2020-10-04T09:00:00+01:00\nslug: a-story-in-a-folder-of-its-own\ntags: [Sahel]\n---\nThe body.\n';
const NEW_PAGE = '2020/10/04/a-story-in-a-folder-of-its-own/index.html';
const BUILDS = [['build'], ['build', '--no-cache'], ['check']] as const;

describe('a build after a change to the folders it reads', () => {
  let project: Project;
  // Run as root, the CLI runs as nobody, who must own the project.
  const user = asRoot ? NOBODY : undefined;
  const gazette = (...argv: string[]): Promise<Finished> => runGazette(project.root, [...argv, '--now', SAMPLE_NOW], user);
  const firstBuild = async () => {
    const run = await gazette('build');
    assert.equal(run.code, 0, run.err);
    return snapshot(project.out);
  };
  /** Every kind of build fails with exactly this first line, and leaves dist/ as it was. */
  const refusedEverywhere = async (before: Map<string, Buffer>, line: string) => {
    for (const argv of BUILDS) {
      const run = await gazette(...argv);
      assert.equal(run.code, 1, `${argv.join(' ')}: ${run.out}${run.err}`);
      assert.equal(run.err.split('\n')[0], line, argv.join(' '));
      assert.deepEqual(await snapshot(project.out), before, argv.join(' '));
    }
  };
  beforeEach(async () => {
    project = await copySampleProject();
    if (user) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, project.root]);
  });
  afterEach(() => project.remove());

  it('builds a new story in a new folder', async () => {
    await firstBuild();
    await project.addStory('2020/10/04/story.md', STORY);
    const run = await gazette('build');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^Built /);
    assert.ok(existsSync(path.join(project.out, NEW_PAGE)));
  });

  it('drops the stories of a folder removed', async () => {
    await firstBuild();
    const gone = 'Solar mini-grids bring evening light to villages in western Niger';
    assert.ok(existsSync(path.join(project.out, '2020/10/03')));
    assert.ok((await project.read('feed.xml')).includes(gone));
    await rm(path.join(project.root, 'content/2020/10/03'), { recursive: true });
    // Their URLs were published: dropping them is said, and accepted only when asked for.
    const refused = await gazette('build');
    assert.equal(refused.code, 1);
    assert.match(refused.err, /is no longer in the content folder \(renamed or removed\).*\[permalink-moved\]/);
    const run = await gazette('build', '--allow-moved');
    assert.equal(run.code, 0, run.err);
    assert.match(run.out, /^Built /);
    assert.ok(!existsSync(path.join(project.out, '2020/10/03')));
    assert.ok(!(await project.read('feed.xml')).includes(gone));
  });

  it('refuses a new folder it cannot read, naming it', async () => {
    const before = await firstBuild();
    await project.addStory('2020/11/story.md', STORY);
    await chmod(path.join(project.root, 'content/2020/11'), 0o000);
    await refusedEverywhere(
      before,
      'content/2020/11  cannot read the folder: permission denied  (let the user who builds the site read it, or move it out)  [content-unreadable]',
    );
    // Readable again, its story is built; a folder that holds no stories (a dot-folder) is not read.
    await chmod(path.join(project.root, 'content/2020/11'), 0o755);
    await project.addStory('.notes/old.md', STORY);
    await chmod(path.join(project.root, 'content/.notes'), 0o000);
    const run = await gazette('build');
    assert.equal(run.code, 0, run.err);
    assert.ok(existsSync(path.join(project.out, '2020/10/04/a-story-in-a-folder-of-its-own/index.html')));
  });

  it('refuses a story, a template or a static folder it cannot read, naming it', async () => {
    const cases = [
      ['content/2020/10/03/niger-solar-mini-grids.md', 0o644, 'cannot read the story: permission denied'],
      ['templates/partials/footer.liquid', 0o644, 'cannot read the file: permission denied'],
      ['static/images', 0o755, 'cannot read the folder: permission denied'],
    ] as const;
    // Older than the racy window (see src/incremental/up-to-date.ts): the first build trusts their stamps, and a
    // chmod changes no modification time.
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const [file] of cases) await utimes(path.join(project.root, file), hourAgo, hourAgo);
    const before = await firstBuild();
    for (const [file, mode, message] of cases) {
      await chmod(path.join(project.root, file), 0o000);
      const hint = file.endsWith('.md') ? '' : '  (let the user who builds the site read it, or move it out)';
      await refusedEverywhere(before, `${file}  ${message}${hint}  [content-unreadable]`);
      await chmod(path.join(project.root, file), mode);
    }
    const run = await gazette('build');
    assert.equal(run.code, 0, run.err);
  });

  it('refuses a story that is a loop of symbolic links or leads nowhere, as root too', async () => {
    const before = await firstBuild();
    const loop = 'content/2020/10/04/loop.md';
    await mkdir(path.join(project.root, 'content/2020/10/04'));
    await symlink('loop.md', path.join(project.root, loop));
    await refusedEverywhere(before, `${loop}  cannot read the story: a loop of symbolic links  [content-unreadable]`);
    await rm(path.join(project.root, loop));
    await symlink('nowhere.md', path.join(project.root, loop));
    await refusedEverywhere(
      before,
      `${loop}  cannot read the story: it is not there (a symbolic link that leads nowhere, or removed meanwhile)  [content-unreadable]`,
    );
    await rm(path.join(project.root, loop));
    await symlink('gone.txt', path.join(project.root, 'static/nowhere.txt'));
    await refusedEverywhere(
      before,
      'static/nowhere.txt  cannot read the file: it is not there (a symbolic link that leads nowhere, or removed meanwhile)  (let the user who builds the site read it, or move it out)  [content-unreadable]',
    );
  });
});
