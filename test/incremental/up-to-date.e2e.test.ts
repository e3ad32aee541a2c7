// The null build: a build finds it has nothing to do only when nothing it reads changed and the
// output folder is what the last build left; any change, to a file, a setting, the clock or the
// output, makes it build, and what it builds then is what a cold build writes.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import type { ConfigOverrides } from '../../src/config-types.js';
import { cacheFolder } from '../../src/incremental/cache-folder.js';
import { build } from '../../src/incremental/publish.js';
import { checkUpToDate, clockSpan, RECORD_FILE, snapshotInputs } from '../../src/incremental/up-to-date.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from '../support/project.js';

const STORY = 'content/2020/10/03/niger-solar-mini-grids.md';

describe('a build with nothing to do', () => {
  let project: Project;
  const config = (overrides: ConfigOverrides = {}) => loadConfig(project.root, { now: SAMPLE_NOW, ...overrides });
  const file = (relative: string) => path.join(project.root, relative);
  const assertSameAsCold = async () => {
    const out = path.join(project.root, 'cold');
    await build(config({ out }), { write: true, cache: false });
    const [expected, actual] = await Promise.all([snapshot(out), snapshot(project.out)]);
    assert.deepEqual([...actual.keys()], [...expected.keys()]);
    for (const [name, bytes] of expected) assert.ok(actual.get(name)?.equals(bytes), `${name} differs from a cold build`);
    await rm(out, { recursive: true });
  };

  beforeEach(async () => {
    await project?.remove();
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('writes nothing and reports what the last build built, its warnings included', async () => {
    await project.addStory('2020/10/04/raw-html.md', '---\ntitle: Raw HTML\ndate: 2020-10-04T09:00:00Z\n---\n\nSome <b onclick="x()">bold</b> text.\n');
    const first = await build(config());
    assert.ok(first.warnings.length > 0, 'the removed handler should give a warning');
    const before = await snapshot(project.out);
    const second = await build(config());
    assert.equal(second.upToDate, true);
    assert.deepEqual(second.written, []);
    assert.deepEqual(
      [second.stories, second.pages, second.files, second.warnings.map((warning) => warning.format())],
      [first.stories, first.pages, first.files, first.warnings.map((warning) => warning.format())],
    );
    assert.deepEqual(await snapshot(project.out), before);
  });

  it('builds when a story changes, even within the same second and with the same size and time stamp', async () => {
    await build(config());
    const text = await readFile(file(STORY), 'utf8');
    // Same length, same inode, the very same modification time (copied by touch -r): only the bytes tell.
    const reference = file('stamp');
    execFileSync('touch', ['-r', file(STORY), reference]);
    await writeFile(file(STORY), text.replace('Small solar', 'Small SOLAR'));
    execFileSync('touch', ['-r', reference, file(STORY)]);
    await rm(reference);
    const report = await build(config());
    assert.notEqual(report.upToDate, true);
    assert.ok(report.written.length > 0);
    await assertSameAsCold();
  });

  it('trusts a file by its stamp once it is older than the racy window, and builds when its stamp changes', async () => {
    await build(config(), { write: true, upToDate: await checkUpToDate(config(), 0) });
    const record = JSON.parse(await readFile(path.join(cacheFolder(config()), RECORD_FILE), 'utf8')) as { inputs: { racy: object } };
    assert.deepEqual(record.inputs.racy, {});
    assert.equal((await checkUpToDate(config(), 0)).upToDate, true);
    const later = new Date(Date.now() + 60_000);
    await utimes(file(STORY), later, later);
    assert.equal((await checkUpToDate(config(), 0)).upToDate, false, 'a new modification time is a change');
  });

  it('takes a story whose stamp it trusts from the cache without reading it, and reads it when its stamp is racy', async () => {
    await build(config(), { write: true, upToDate: await checkUpToDate(config(), 0) });
    const page = path.join(project.out, '2020/10/03/solar-mini-grids-bring-evening-light-to-villages-in-western-niger/index.html');
    assert.match(await readFile(page, 'utf8'), /small solar power/i);
    // An edit the stamp cannot see (a change time cannot be set back, so the stamp taken before the
    // edit stands in for the one after), then another story to make the build run.
    const stamped = (await snapshotInputs(config(), 0)).files.get(file(STORY));
    await writeFile(file(STORY), (await readFile(file(STORY), 'utf8')).replace('solar power', 'SOLAR power'));
    const unseen = async () => {
      const check = await checkUpToDate(config(), 0);
      assert.ok(!check.upToDate && stamped);
      check.snapshot.files.set(file(STORY), stamped);
      return check;
    };
    await project.addStory('2020/10/04/another.md', '---\ntitle: Another\ndate: 2020-10-04T09:00:00Z\n---\n\nText.\n');
    await build(config(), { write: true, upToDate: await unseen() });
    assert.doesNotMatch(await readFile(page, 'utf8'), /SOLAR power/, 'a file with a trusted, unchanged stamp is not read');
    // A story taken from the cache is kept in it for the build after.
    await project.addStory('2020/10/04/one-more.md', '---\ntitle: One more\ndate: 2020-10-04T11:00:00Z\n---\n\nText.\n');
    await build(config(), { write: true, upToDate: await unseen() });
    assert.doesNotMatch(await readFile(page, 'utf8'), /SOLAR power/, 'the story was read again: the build before did not keep it');
    // With every file modified within the racy window, no stamp is trusted: the file is read.
    await project.addStory('2020/10/04/a-third.md', '---\ntitle: A third\ndate: 2020-10-04T10:00:00Z\n---\n\nText.\n');
    await build(config(), { write: true, upToDate: await checkUpToDate(config(), 1e12) });
    assert.match(await readFile(page, 'utf8'), /SOLAR power/);
    await assertSameAsCold();
  });

  it('records racy files by their stamps once they have settled, and still sees a later change', async () => {
    await build(config());
    const recorded = async () =>
      (JSON.parse(await readFile(path.join(cacheFolder(config()), RECORD_FILE), 'utf8')) as { inputs: { racy: object } }).inputs.racy;
    assert.ok(Object.keys(await recorded()).length > 10, 'the files copied just before the build are racy');
    // With no racy window, every file has settled: the check compares their bytes once, then records their stamps.
    assert.equal((await checkUpToDate(config(), 0)).upToDate, true);
    assert.deepEqual(await recorded(), {});
    assert.equal((await checkUpToDate(config(), 0)).upToDate, true);
    await writeFile(file(STORY), `${await readFile(file(STORY), 'utf8')}\nMore.\n`);
    assert.equal((await checkUpToDate(config(), 0)).upToDate, false);
  });

  it('builds when a file is added to or removed from content/, templates/ or static/', async () => {
    await build(config());
    for (const [name, text] of [
      ['content/notes.txt', 'not a story'],
      ['templates/partials/extra.liquid', ''],
      ['static/extra.txt', 'x'],
    ] as const) {
      await writeFile(file(name), text);
      assert.notEqual((await build(config())).upToDate, true, `adding ${name}`);
      assert.equal((await build(config())).upToDate, true);
      await rm(file(name));
      assert.notEqual((await build(config())).upToDate, true, `removing ${name}`);
    }
    await assertSameAsCold();
  });

  it('builds when a setting or a flag changes', async () => {
    await build(config());
    assert.notEqual((await build(config({ drafts: true }))).upToDate, true);
    assert.notEqual((await build(config())).upToDate, true);
    const settings = await readFile(file('gazette.config.yaml'), 'utf8');
    await writeFile(file('gazette.config.yaml'), settings.replace(/^title: .*$/m, 'title: "The Other Gazette"'));
    assert.notEqual((await build(config())).upToDate, true);
    await assertSameAsCold();
  });

  it('builds when a file of the output folder is removed or added, and puts it back', async () => {
    await build(config());
    const before = await snapshot(project.out);
    await rm(path.join(project.out, 'tags/index.html'));
    assert.notEqual((await build(config())).upToDate, true);
    assert.deepEqual(await snapshot(project.out), before);
    await writeFile(path.join(project.out, 'tags/stray.html'), 'not ours');
    assert.notEqual((await build(config())).upToDate, true);
    assert.deepEqual(await snapshot(project.out), before);
  });

  it('patches the output in place, and sees a file added to it while the patch was being built', async () => {
    await build(config());
    await writeFile(file(STORY), `${await readFile(file(STORY), 'utf8')}\nA correction.\n`);
    const check = await checkUpToDate(config());
    assert.ok(!check.upToDate && check.outputIntact);
    // While the correction is built, a file is added to a folder of the site it does not change
    // (a moment later: a folder's modification time is as coarse as the system's clock tick).
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFile(path.join(project.out, 'tags/stray.html'), 'not ours');
    const folder = (await stat(project.out)).ino;
    const patch = await build(config(), { write: true, upToDate: check });
    assert.equal((await stat(project.out)).ino, folder, 'the correction patched the site, not swapped it');
    assert.ok(patch.written.length > 0);
    assert.ok(!patch.written.some((written) => written.startsWith('tags/') && !written.slice(5).includes('/')), 'nothing written in tags/ itself');
    const next = await checkUpToDate(config());
    assert.ok(!next.upToDate && !next.outputIntact, 'the stray file is seen');
    assert.notEqual((await build(config())).upToDate, true);
    assert.equal(await readFile(path.join(project.out, 'tags/stray.html'), 'utf8').catch(() => undefined), undefined, 'the next build writes the site whole');
    assert.equal((await build(config())).upToDate, true);
    await assertSameAsCold();
  });

  it('builds when the clock passes a scheduled story or a story leaves the news sitemap', async () => {
    await project.addStory('2020/10/06/scheduled.md', '---\ntitle: Scheduled\ndate: 2020-10-06T08:00:00Z\n---\n\nLater.\n');
    // The sample's stories have all left the news sitemap's 48 hours by then: the scheduled story is the only event.
    await build(config({ now: '2020-10-06T07:59:00Z' }));
    assert.equal((await build(config({ now: '2020-10-06T07:59:59Z' }))).upToDate, true);
    assert.doesNotMatch(await project.read('index.html'), /Scheduled/);
    assert.notEqual((await build(config({ now: '2020-10-06T08:00:00Z' }))).upToDate, true, 'the scheduled story is due');
    assert.match(await project.read('index.html'), /Scheduled/);
    assert.equal((await build(config({ now: '2020-10-08T07:59:59Z' }))).upToDate, true);
    assert.notEqual((await build(config({ now: '2020-10-08T08:00:00Z' }))).upToDate, true, 'it leaves the news sitemap 48 hours later');
  });

  it('never skips a build asked for without the cache', async () => {
    await build(config());
    assert.notEqual((await build(config(), { write: true, cache: false })).upToDate, true);
  });
});

describe('clockSpan', () => {
  it('is the span between the latest time at or before the clock and the earliest after it', () => {
    assert.deepEqual(clockSpan([10, 30, 20, 50], 25), { from: 20, until: 30 });
    assert.deepEqual(clockSpan([10, 30], 30), { from: 30, until: null });
    assert.deepEqual(clockSpan([], 30), { from: null, until: null });
  });
});
