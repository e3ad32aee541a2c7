import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GazetteError } from '../../src/errors.js';
import { type CopiedFile, KeptFileMissing, type OutputFile, type OutputState, outputStateOf } from '../../src/output/files.js';
import { outputIdentity } from '../../src/output/marker.js';
import { PATCHED_FILES_MOST } from '../../src/output/patch.js';
import { openStaging } from '../../src/output/staging.js';
import { syncSite } from '../../src/output/sync.js';
import { OUTPUT_MARKER } from '../../src/urls/paths.js';
import { asUnprivileged } from '../support/unprivileged.js';

/** A whole site written into a fresh folder and swapped in, as a build does. */
async function writeSite(
  folders: Parameters<typeof openStaging>[0],
  files: readonly OutputFile[],
  copies: readonly CopiedFile[],
  signal?: AbortSignal,
  current?: OutputState,
): Promise<string> {
  const staging = await openStaging(folders, signal, current);
  try {
    for (const file of files) await staging.add(file);
    for (const copy of copies) await staging.copy(copy);
  } catch (error) {
    await staging.abort();
    throw error;
  }
  return staging.commit();
}

interface Folders {
  root: string;
  outDir: string;
  contentDir: string;
  templatesDir: string;
  staticDir: string;
}

/** Every file below a folder with its text, paths with `/`. */
async function contentsOf(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await readFile(path.join(folder, file), 'utf8')] as const)));
}

/** The entries of a folder once the replaced sites, deleted in the background, are gone. */
async function settledEntries(folder: string): Promise<string[]> {
  for (let waited = 0; ; waited += 50) {
    const entries = (await readdir(folder)).sort();
    if (!entries.some((entry) => /^\.dist\.trash-/.test(entry)) || waited > 10_000) return entries;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function refusal(promise: Promise<unknown>): Promise<GazetteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GazetteError, `expected a GazetteError, got ${String(error)}`);
    return error;
  }
  assert.fail('the site was written');
}

/** A process id that no running process has (Linux's stop at 2^22): a build that was killed. */
const DEAD = 2 ** 22 + 17;
const OUTSIDE = path.join(tmpdir(), 'gazette-evil.html');
const MARKER_TEXT = 'Written by Gazette: every build replaces what this folder holds.\n';
const SITE: OutputFile[] = [
  { path: 'index.html', contents: '<h1>Front</h1>' },
  { path: '2020/10/01/old-story/index.html', contents: '<h1>Old story</h1>' },
  { path: 'feed.xml', contents: '<rss/>' },
];

async function makeFolders(): Promise<Folders> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-write-'));
  const folders = {
    root,
    outDir: path.join(root, 'dist'),
    contentDir: path.join(root, 'content'),
    templatesDir: path.join(root, 'templates'),
    staticDir: path.join(root, 'static'),
  };
  await mkdir(folders.contentDir);
  return folders;
}

describe('openStaging: a whole site written, then swapped in', () => {
  let folders: Folders;
  beforeEach(async () => {
    folders = await makeFolders();
  });
  afterEach(() => rm(folders.root, { recursive: true, force: true }));

  it('writes the files, the copies and its marker', async () => {
    await mkdir(folders.staticDir);
    await writeFile(path.join(folders.staticDir, 'logo.svg'), '<svg/>');
    await writeSite(folders, SITE, [{ from: path.join(folders.staticDir, 'logo.svg'), path: 'images/logo.svg' }]);
    assert.deepEqual(await contentsOf(folders.outDir), {
      [OUTPUT_MARKER]: MARKER_TEXT,
      '2020/10/01/old-story/index.html': '<h1>Old story</h1>',
      'feed.xml': '<rss/>',
      'images/logo.svg': '<svg/>',
      'index.html': '<h1>Front</h1>',
    });
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist', 'static']);
  });

  it('replaces the previous site whole: files of deleted stories disappear', async () => {
    await writeSite(folders, SITE, []);
    await writeSite(
      folders,
      [
        { path: 'index.html', contents: '<h1>New front</h1>' },
        { path: '2020/10/02/new-story/index.html', contents: 'New' },
      ],
      [],
    );
    assert.deepEqual(await contentsOf(folders.outDir), {
      [OUTPUT_MARKER]: MARKER_TEXT,
      '2020/10/02/new-story/index.html': 'New',
      'index.html': '<h1>New front</h1>',
    });
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist'], 'no staging or retired folder is left');
  });

  it('links the files it keeps from the previous site, and says when one has gone', async () => {
    await writeSite(folders, SITE, []);
    const kept = { path: '2020/10/01/old-story/index.html', key: 'k' };
    await writeSite(folders, [{ path: 'index.html', contents: '<h1>New front</h1>' }, kept], []);
    assert.equal(await readFile(path.join(folders.outDir, kept.path), 'utf8'), '<h1>Old story</h1>');
    await rm(path.join(folders.outDir, kept.path));
    await assert.rejects(writeSite(folders, [kept], []), (error) => error instanceof KeptFileMissing && error.sitePath === kept.path);
    assert.equal(await readFile(path.join(folders.outDir, 'index.html'), 'utf8'), '<h1>New front</h1>', 'the site is as it was');
  });

  it('deletes what killed builds left beside the output folder', async () => {
    await writeSite(folders, SITE, []);
    for (const leftover of [`.dist.tmp-${DEAD}`, `.dist.old-${DEAD}`]) await mkdir(path.join(folders.root, leftover, 'index'), { recursive: true });
    await writeSite(folders, SITE, []);
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });

  it('writes into an existing empty folder', async () => {
    await mkdir(folders.outDir);
    await writeSite(folders, SITE, []);
    assert.equal(await readFile(path.join(folders.outDir, 'index.html'), 'utf8'), '<h1>Front</h1>');
  });

  for (const [name, outDir, contentDir] of [
    ['the project folder', '.', 'content'],
    ['the content folder', 'content', 'content'],
    ['a parent of the content folder', 'site', 'site/content'],
    ['the templates folder', 'templates', 'content'],
    ['the static folder', 'static', 'content'],
  ] as const) {
    it(`refuses to write into ${name}`, async () => {
      const unsafe = { ...folders, outDir: path.join(folders.root, outDir), contentDir: path.join(folders.root, contentDir) };
      await mkdir(unsafe.contentDir, { recursive: true });
      await writeFile(path.join(unsafe.contentDir, 'story.md'), '---\ntitle: Keep me\n---\n');
      const before = await contentsOf(folders.root);
      const error = await refusal(writeSite(unsafe, SITE, []));
      assert.equal(error.code, 'output-unsafe');
      assert.equal(error.field, 'output');
      assert.match(error.message, /^the output folder is the (project|content|templates|static) folder or contains it$/);
      assert.deepEqual(await contentsOf(folders.root), before);
    });
  }

  it('refuses a folder that holds files it did not write, and leaves it untouched', async () => {
    await mkdir(path.join(folders.outDir, 'photos'), { recursive: true });
    await writeFile(path.join(folders.outDir, 'photos', 'holiday.jpg'), 'precious');
    await writeFile(path.join(folders.outDir, 'notes.txt'), 'also precious');
    const error = await refusal(writeSite(folders, SITE, []));
    assert.equal(error.code, 'output-unsafe');
    assert.equal(error.file, 'dist');
    assert.equal(error.message, 'the output folder already holds files that Gazette did not write');
    assert.deepEqual(await contentsOf(folders.outDir), { 'notes.txt': 'also precious', 'photos/holiday.jpg': 'precious' });
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });

  for (const escaping of ['../evil.html', '2020/../../evil.html', OUTSIDE, '.']) {
    it(`refuses the path ${JSON.stringify(escaping)} and leaves the previous site as it was`, async () => {
      await writeSite(folders, SITE, []);
      const before = await contentsOf(folders.outDir);
      const error = await refusal(
        writeSite(
          folders,
          [
            { path: 'index.html', contents: 'new' },
            { path: escaping, contents: 'pwned' },
          ],
          [],
        ),
      );
      assert.equal(error.code, 'output-unsafe');
      assert.equal(error.file, escaping);
      assert.equal(error.message, 'would be written outside the output folder');
      assert.deepEqual(await contentsOf(folders.outDir), before);
      assert.deepEqual(await settledEntries(folders.root), ['content', 'dist'], 'nothing beside the output, no staging left');
      await assert.rejects(readFile(OUTSIDE), { code: 'ENOENT' });
    });
  }

  it('reports a failed copy as output-failed and leaves the previous site as it was', async () => {
    await writeSite(folders, SITE, []);
    const before = await contentsOf(folders.outDir);
    const error = await refusal(writeSite(folders, SITE, [{ from: path.join(folders.root, 'static', 'missing.png'), path: 'missing.png' }]));
    assert.equal(error.code, 'output-failed');
    assert.equal(error.message, 'cannot write the site: ENOENT');
    assert.deepEqual(await contentsOf(folders.outDir), before);
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });
});

describe('syncSite', () => {
  let folders: Folders;
  beforeEach(async () => {
    folders = await makeFolders();
    await mkdir(folders.staticDir);
    await writeFile(path.join(folders.staticDir, 'logo.svg'), '<svg/>');
  });
  afterEach(() => rm(folders.root, { recursive: true, force: true }));
  const logo = () => ({ from: path.join(folders.staticDir, 'logo.svg'), path: 'logo.svg' });

  it('writes only the files whose bytes changed and removes the ones no longer produced', async () => {
    await writeSite(folders, SITE, [logo()]);
    const state = await outputStateOf(SITE, [logo()]);
    const untouched = path.join(folders.outDir, 'feed.xml');
    const longAgo = new Date('2000-01-01T00:00:00Z');
    await utimes(untouched, longAgo, longAgo);
    await writeFile(path.join(folders.staticDir, 'logo.svg'), '<svg id="new"/>');

    const next = [
      { path: 'index.html', contents: '<h1>Front, updated</h1>' },
      { path: 'feed.xml', contents: '<rss/>' },
      { path: '2020/10/02/new/index.html', contents: 'New' },
    ];
    const report = await syncSite(folders, next, [logo()], state);
    assert.deepEqual(report.written.sort(), ['2020/10/02/new/index.html', 'index.html', 'logo.svg']);
    assert.deepEqual(report.removed, ['2020/10/01/old-story/index.html']);
    assert.equal((await stat(untouched)).mtime.toISOString(), longAgo.toISOString(), 'an unchanged file is not rewritten');
    assert.deepEqual(await contentsOf(folders.outDir), {
      [OUTPUT_MARKER]: MARKER_TEXT,
      '2020/10/02/new/index.html': 'New',
      'feed.xml': '<rss/>',
      'index.html': '<h1>Front, updated</h1>',
      'logo.svg': '<svg id="new"/>',
    });
    const again = await syncSite(folders, next, [logo()], report.state);
    assert.deepEqual([again.written, again.removed], [[], []], 'a second sync of the same site writes nothing');
  });

  it('refuses paths outside the output folder and folders it did not write', async () => {
    await writeSite(folders, SITE, []);
    const state = await outputStateOf(SITE, []);
    const error = await refusal(syncSite(folders, [{ path: '../evil.html', contents: 'pwned' }], [], state));
    assert.equal(error.code, 'output-unsafe');
    await assert.rejects(readFile(path.join(folders.root, 'evil.html')), { code: 'ENOENT' });
    await rm(path.join(folders.outDir, OUTPUT_MARKER));
    assert.equal((await refusal(syncSite(folders, SITE, [], state))).code, 'output-unsafe');
  });
});

describe('openStaging: unsafe folders, faults and what killed builds leave', () => {
  let folders: Folders;
  beforeEach(async () => {
    folders = await makeFolders();
  });
  afterEach(async () => {
    await chmod(folders.root, 0o755).catch(() => undefined);
    await rm(folders.root, { recursive: true, force: true });
  });

  it('refuses an output folder that is a file, and leaves the file alone', async () => {
    await writeFile(folders.outDir, 'not a folder');
    const error = await refusal(writeSite(folders, SITE, []));
    assert.deepEqual([error.code, error.message], ['output-unsafe', 'the output folder is a file']);
    assert.equal(await readFile(folders.outDir, 'utf8'), 'not a folder');
  });

  it('refuses an output folder that is a symbolic link, and writes nothing through it', async () => {
    const elsewhere = path.join(folders.root, 'elsewhere');
    await writeSite({ ...folders, outDir: elsewhere }, SITE, []);
    const before = await contentsOf(elsewhere);
    await symlink(elsewhere, folders.outDir);
    const error = await refusal(writeSite(folders, [{ path: 'index.html', contents: 'new' }], []));
    assert.deepEqual([error.code, error.message], ['output-unsafe', 'the output folder is a symbolic link']);
    assert.deepEqual(await contentsOf(elsewhere), before);
    assert.ok((await lstat(folders.outDir)).isSymbolicLink());
  });

  it('refuses an output folder that a symbolic link makes the content folder', async () => {
    await writeFile(path.join(folders.contentDir, 'story.md'), 'keep me');
    const linked = { ...folders, contentDir: path.join(folders.root, 'content-link') };
    await symlink(folders.outDir, linked.contentDir);
    await rm(folders.contentDir, { recursive: true });
    await mkdir(folders.outDir);
    await writeFile(path.join(folders.outDir, 'story.md'), 'keep me');
    const error = await refusal(writeSite(linked, SITE, []));
    assert.deepEqual([error.code, error.message], ['output-unsafe', 'the output folder is the content folder or contains it']);
    assert.equal(await readFile(path.join(folders.outDir, 'story.md'), 'utf8'), 'keep me');
  });

  it('reports a folder it cannot create in as output-failed', async () => {
    const blocked = { ...folders, outDir: path.join(folders.root, 'a-file', 'dist') };
    await writeFile(path.join(folders.root, 'a-file'), '');
    const error = await refusal(writeSite(blocked, SITE, []));
    assert.equal(error.code, 'output-failed');
    assert.match(error.message, /^cannot write the site: ENOTDIR$/);
  });

  it('reports an unwritable output folder as output-failed, and keeps the previous site', async () => {
    if (process.getuid?.() === 0) {
      // File permissions do not stop root (as CI runs): the case runs again as an unprivileged user.
      const run = asUnprivileged(['--test', '--test-name-pattern=^reports an unwritable output folder', fileURLToPath(import.meta.url)]);
      assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /^# pass 1$/m);
      assert.match(run.stdout, /^ *ok \d+ - reports an unwritable output folder[^#\n]*$/m, 'the case ran as an unprivileged user, not skipped');
      return;
    }
    await writeSite(folders, SITE, []);
    const before = await contentsOf(folders.outDir);
    await chmod(folders.root, 0o555);
    const error = await refusal(writeSite(folders, [{ path: 'index.html', contents: 'new' }], []));
    assert.equal(error.code, 'output-failed');
    assert.equal(error.hint, 'the output folder is not writable');
    assert.deepEqual(await contentsOf(folders.outDir), before);
  });

  it('clears what killed builds left beside the output folder', async () => {
    await writeSite(folders, SITE, []);
    for (const leftover of [`.dist.tmp-${DEAD}`, `.dist.old-${DEAD + 1}`]) {
      await mkdir(path.join(folders.root, leftover, '2020'), { recursive: true });
      await writeFile(path.join(folders.root, leftover, '2020', 'half.html'), 'half written');
    }
    await writeFile(path.join(folders.root, '.dist.tmp-notes'), 'not ours: no process id');
    await writeSite(folders, [{ path: 'index.html', contents: 'new' }], []);
    assert.deepEqual(await settledEntries(folders.root), ['.dist.tmp-notes', 'content', 'dist']);
    assert.deepEqual(await contentsOf(folders.outDir), { [OUTPUT_MARKER]: MARKER_TEXT, 'index.html': 'new' });
  });

  it('leaves alone the temporary folder of a build that is still running', async () => {
    const running = `.dist.tmp-${process.ppid}`;
    await mkdir(path.join(folders.root, running));
    await writeSite(folders, SITE, []);
    assert.deepEqual(await settledEntries(folders.root), [running, 'content', 'dist']);
  });

  it('puts back the previous site when a build was killed between the two renames of its swap', async () => {
    await writeSite(folders, SITE, []);
    const previous = await contentsOf(folders.outDir);
    await rename(folders.outDir, path.join(folders.root, `.dist.old-${DEAD}`));
    await mkdir(path.join(folders.root, `.dist.tmp-${DEAD}`));
    // The next build fails (a copy is missing): the previous site must be back, whole.
    const error = await refusal(writeSite(folders, SITE, [{ from: path.join(folders.root, 'missing.png'), path: 'missing.png' }]));
    assert.equal(error.code, 'output-failed');
    assert.deepEqual(await contentsOf(folders.outDir), previous);
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });

  it('stops before the swap when aborted: the previous site stays, no temporary folder is left', async () => {
    await writeSite(folders, SITE, []);
    const before = await contentsOf(folders.outDir);
    const controller = new AbortController();
    const reason = new GazetteError({ code: 'interrupted', field: 'SIGINT', message: 'stopped' });
    const many = Array.from({ length: 500 }, (_, index) => ({ path: `page-${index}/index.html`, contents: 'new' }));
    const writing = writeSite(folders, many, [], controller.signal);
    controller.abort(reason);
    await assert.rejects(writing, (error) => error === reason);
    assert.deepEqual(await contentsOf(folders.outDir), before);
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });
});

describe('openStaging with the current site: a few changed files patched in place', () => {
  let folders: Folders;
  let current: OutputState;
  beforeEach(async () => {
    folders = await makeFolders();
    await writeSite(folders, SITE, []);
    current = await outputStateOf(SITE, []);
  });
  afterEach(() => rm(folders.root, { recursive: true, force: true }));

  const NEW_SITE: OutputFile[] = [
    { path: 'index.html', contents: '<h1>New front</h1>' },
    { path: 'feed.xml', key: 'kept' },
    { path: '2020/10/02/new-story/index.html', contents: 'New' },
  ];
  const AS_WRITTEN = {
    [OUTPUT_MARKER]: MARKER_TEXT,
    '2020/10/02/new-story/index.html': 'New',
    'feed.xml': '<rss/>',
    'index.html': '<h1>New front</h1>',
  };
  /** A build that fails (a copy is missing) after it cleared what killed builds left. */
  const failingBuild = () => refusal(writeSite(folders, SITE, [{ from: path.join(folders.root, 'missing.png'), path: 'missing.png' }]));

  it('moves the written files into the site, removes the ones no longer built, and leaves the kept ones', async () => {
    const folderBefore = await stat(folders.outDir);
    const keptBefore = await stat(path.join(folders.outDir, 'feed.xml'));
    const identityBefore = await outputIdentity(folders.outDir);
    const identity = await writeSite(folders, NEW_SITE, [], undefined, current);
    assert.deepEqual(await contentsOf(folders.outDir), AS_WRITTEN);
    assert.deepEqual(await readdir(path.join(folders.outDir, '2020', '10')), ['02'], "the removed story's folder is gone");
    assert.equal((await stat(folders.outDir)).ino, folderBefore.ino, 'the site was patched, not swapped');
    assert.equal((await stat(path.join(folders.outDir, 'feed.xml'))).ino, keptBefore.ino, 'the kept file is untouched');
    assert.equal(identity, await outputIdentity(folders.outDir));
    assert.notEqual(identity, identityBefore, 'a patched site has a new identity');
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist'], 'no staging folder or journal is left');
  });

  it(`swaps in a whole new site when more than ${PATCHED_FILES_MOST} files change`, async () => {
    const folderBefore = await stat(folders.outDir);
    const many = Array.from({ length: PATCHED_FILES_MOST }, (_, index) => ({ path: `page-${index}.html`, contents: String(index) }));
    await writeSite(folders, [...many, { path: 'feed.xml', key: 'kept' }], [], undefined, current);
    assert.notEqual((await stat(folders.outDir)).ino, folderBefore.ino, 'the site was swapped');
    const written = await contentsOf(folders.outDir);
    assert.equal(written['feed.xml'], '<rss/>', 'the kept file is linked into the new site');
    assert.equal(written['page-7.html'], '7');
    assert.equal(written['index.html'], undefined);
    assert.equal(Object.keys(written).length, PATCHED_FILES_MOST + 2);
  });

  it('leaves the site as it was when aborted before the commit', async () => {
    const before = await contentsOf(folders.outDir);
    const identityBefore = await outputIdentity(folders.outDir);
    const staging = await openStaging(folders, undefined, current);
    for (const file of NEW_SITE) await staging.add(file);
    await staging.abort();
    assert.deepEqual(await contentsOf(folders.outDir), before);
    assert.equal(await outputIdentity(folders.outDir), identityBefore);
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });

  it('finishes the patch of a build killed in the middle of it', async () => {
    // The killed build had moved one of its files in, not yet the other, nor removed the old story.
    const staged = `.dist.tmp-${DEAD}`;
    await mkdir(path.join(folders.root, staged, '2020', '10', '02', 'new-story'), { recursive: true });
    await writeFile(path.join(folders.root, staged, '2020', '10', '02', 'new-story', 'index.html'), 'New');
    await writeFile(path.join(folders.outDir, 'index.html'), '<h1>New front</h1>');
    const journal = { staged, written: ['index.html', '2020/10/02/new-story/index.html'], removed: ['2020/10/01/old-story/index.html'] };
    await writeFile(path.join(folders.root, `.dist.patch-${DEAD}`), JSON.stringify(journal));
    const identityBefore = await outputIdentity(folders.outDir);
    await failingBuild();
    assert.deepEqual(await contentsOf(folders.outDir), AS_WRITTEN);
    assert.notEqual(await outputIdentity(folders.outDir), identityBefore, 'no build trusts what was recorded of the folder before the patch');
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });

  it('leaves the site as it was when the build was killed while writing its journal', async () => {
    await mkdir(path.join(folders.root, `.dist.tmp-${DEAD}`));
    await writeFile(path.join(folders.root, `.dist.tmp-${DEAD}`, 'index.html'), 'half');
    await writeFile(path.join(folders.root, `.dist.patch-${DEAD}`), '{"staged":".dist.tmp-');
    const before = await contentsOf(folders.outDir);
    await failingBuild();
    assert.deepEqual(await contentsOf(folders.outDir), before);
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });

  it("says a file of the site stands where the new one has a folder, after changing the site's identity", async () => {
    const identityBefore = await outputIdentity(folders.outDir);
    const clash = [{ path: 'feed.xml/index.html', contents: 'now a folder' }, ...SITE.map((file) => ({ path: file.path, key: 'kept' }))];
    await assert.rejects(
      writeSite(folders, clash, [], undefined, current),
      (error) => error instanceof KeptFileMissing && error.sitePath === 'feed.xml/index.html',
    );
    assert.notEqual(await outputIdentity(folders.outDir), identityBefore, 'no build trusts what was recorded of the folder');
    assert.deepEqual(await settledEntries(folders.root), ['content', 'dist']);
  });
});
