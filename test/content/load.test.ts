// Finding and reading story files: links, sizes and encodings as the loader meets them on disk.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { bodyHash } from '../../src/content/body.js';
import { findStoryFiles, loadStories, MAX_STORY_BYTES, type StoryStore } from '../../src/content/load.js';
import { loadTheme } from '../../src/content/theme.js';
import type { GazetteError } from '../../src/errors.js';
import { openCache } from '../../src/incremental/cache.js';
import { hiddenClasses } from '../support/shapes.js';

const STORY = '---\ntitle: Linked\ndate: 2020-10-01\n---\nBody.\n';

describe('finding stories and static files through symbolic links', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gazette-links-'));
    await mkdir(path.join(root, 'content/2020'), { recursive: true });
    await mkdir(path.join(root, 'outside/stories'), { recursive: true });
    await writeFile(path.join(root, 'content/2020/own.md'), STORY.replace('Linked', 'Own'));
    await writeFile(path.join(root, 'outside/shared.md'), STORY);
    await writeFile(path.join(root, 'outside/stories/far.md'), STORY.replace('Linked', 'Far'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('reads a linked file as the file it points to, walks no linked folder, not even a loop, and reports a link to nothing', async () => {
    await symlink(path.join(root, 'outside/shared.md'), path.join(root, 'content/2020/shared.md'));
    await symlink(path.join(root, 'outside/stories'), path.join(root, 'content/far-away'));
    await symlink('..', path.join(root, 'content/2020/loop'));
    await symlink(path.join(root, 'nowhere.md'), path.join(root, 'content/dangling.md'));
    assert.deepEqual(findStoryFiles(root, path.join(root, 'content')).stories, ['2020/own.md', '2020/shared.md', 'dangling.md']);
    const loaded = await loadStories(folders(root));
    assert.deepEqual(
      loaded.stories.map((story) => [story.file, story.title]),
      [
        ['content/2020/own.md', 'Own'],
        ['content/2020/shared.md', 'Linked'],
      ],
    );
    assert.deepEqual(
      loaded.problems.map((problem) => problem.format()),
      ['content/dangling.md  cannot read the story: it is not there (a symbolic link that leads nowhere, or removed meanwhile)  [content-unreadable]'],
    );
  });

  it('copies a linked static file, and walks no linked static folder', async () => {
    await mkdir(path.join(root, 'templates'));
    await mkdir(path.join(root, 'static/images'), { recursive: true });
    await writeFile(path.join(root, 'outside/logo.svg'), '<svg/>');
    await symlink(path.join(root, 'outside/logo.svg'), path.join(root, 'static/images/logo.svg'));
    await symlink(path.join(root, 'outside'), path.join(root, 'static/everything'));
    const theme = await loadTheme(root, [path.join(root, 'templates')], path.join(root, 'static'));
    assert.deepEqual(
      theme.staticFiles.map((file) => file.to),
      ['images/logo.svg'],
    );
  });

  it('skips what is not a file: a named pipe is never opened', async (context) => {
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('mkfifo', [path.join(root, 'content/2020/pipe.md')]);
    } catch {
      context.skip('mkfifo is not available');
      return;
    }
    assert.deepEqual(findStoryFiles(root, path.join(root, 'content')).stories, ['2020/own.md']);
  });
});

describe('which files are stories', () => {
  it('reads .md and .markdown, _posts/ included; leaves out ignored folders, section indexes and other markup, naming them', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'gazette-find-'));
    try {
      const files = [
        '_posts/2020-10-03-a.markdown',
        '2020/b.MD',
        '_drafts/c.md',
        '_layouts/post.html',
        '_includes/d.md',
        '_data/e.md',
        '_site/2020/f.md',
        'posts/_index.md',
        'about.textile',
        '.obsidian/g.md',
        'posts/photo.jpg',
        '_notes/h.md',
      ];
      for (const file of files) {
        await mkdir(path.dirname(path.join(root, 'content', file)), { recursive: true });
        await writeFile(path.join(root, 'content', file), STORY);
      }
      assert.deepEqual(findStoryFiles(root, path.join(root, 'content')), {
        stories: ['2020/b.MD', '_notes/h.md', '_posts/2020-10-03-a.markdown'],
        ignored: ['_data/e.md', '_drafts/c.md', '_includes/d.md', '_layouts/post.html', '_site/2020/f.md', 'about.textile', 'posts/_index.md'],
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('reading stories', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gazette-read-'));
    await mkdir(path.join(root, 'content'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('refuses a story over the size limit without reading it, and reads one just under it', async () => {
    const head = '---\ntitle: Big\ndate: 2020-10-01\n---\n';
    await writeFile(path.join(root, 'content/over.md'), head + 'x'.repeat(MAX_STORY_BYTES));
    await writeFile(path.join(root, 'content/under.md'), (head + 'y'.repeat(MAX_STORY_BYTES)).slice(0, MAX_STORY_BYTES));
    const loaded = await loadStories(folders(root));
    assert.deepEqual(
      loaded.problems.map((problem) => [problem.file, problem.code]),
      [['content/over.md', 'content-too-large']],
    );
    assert.deepEqual(
      loaded.stories.map((story) => story.file),
      ['content/under.md'],
    );
  });

  it('names the line and column of the first byte that is not UTF-8', async () => {
    await writeFile(
      path.join(root, 'content/mixed.md'),
      Buffer.concat([Buffer.from('---\ntitle: Ça va\ndate: 2020-10-01\n---\nDéjà '), Buffer.from([0xff, 0x41]), Buffer.from('\n')]),
    );
    const [problem] = (await loadStories(folders(root))).problems;
    assert.equal(problem?.format(), 'content/mixed.md:5:6  the file is not valid UTF-8 text (byte 0xFF)  (save it as UTF-8)  [content-unreadable]');
  });

  it('gives stories read from their files and stories taken from the cache one hidden class', async () => {
    for (let index = 0; index < 12; index += 1) {
      const optional = [index % 2 ? `slug: story-${index}` : '', index % 3 ? 'summary: A summary.' : '', index % 4 ? 'updated: 2020-10-02' : ''].filter(
        Boolean,
      );
      await writeFile(
        path.join(root, `content/story-${index}.md`),
        ['---', `title: Story ${index}`, 'date: 2020-10-01', ...optional, '---', `Body ${index}.`, ''].join('\n'),
      );
    }
    const settings = { root, outDir: path.join(root, 'dist'), timeZone: 'UTC' };
    const read = await loadStories(folders(root), { store: (await openCache(settings)).stories });
    const cache = await openCache(settings);
    await cache.save(read.results.values(), new Map());
    const stored = (await openCache(settings)).stories;
    let found = 0;
    const counted: StoryStore = {
      key: stored.key,
      keyByStamp: stored.keyByStamp,
      story: (...args) => {
        const story = stored.story(...args);
        if (story) found += 1;
        return story;
      },
    };
    const thawed = await loadStories(folders(root), { store: counted });
    assert.equal(found, 12, 'the second load took every story from the cache');
    assert.equal(hiddenClasses([...read.stories, ...thawed.stories]), 1);
  });

  it('reads a body from its file when it is rendered, as the loader read it, and refuses one changed since', async () => {
    const file = path.join(root, 'content/story.md');
    await writeFile(file, '---\r\ntitle: Kept\r\ndate: 2020-10-01\r\n---\r\nFirst\r\nbody.\r\n');
    const [story] = (await loadStories(folders(root))).stories;
    assert.equal(story?.body.text(), 'First\nbody.\n');
    assert.equal(story?.body.hash, bodyHash('First\nbody.\n'));
    await writeFile(file, '---\ntitle: Kept\ndate: 2020-10-01\n---\nSecond body.\n');
    assert.throws(
      () => story?.body.text(),
      (error: GazetteError) => error.format() === 'content/story.md  the story changed while the site was being built  (build again)  [content-unreadable]',
    );
  });
});

function folders(root: string) {
  return { root, contentDir: path.join(root, 'content'), timeZone: 'UTC' };
}
