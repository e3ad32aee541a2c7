import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { movedUrls, servedFile } from '../../src/urls/moved.js';

describe('movedUrls', () => {
  const served = new Set(['2020/10/03/kept/', 'old/alias.html', 'tags/storm/'].map(servedFile));
  const files = { published: new Set(['content/kept.md', 'content/moved.md']), unpublished: new Set(['content/draft.md']) };

  it('lets a URL still served or redirected be, in any spelling of its folder', () => {
    const { problems, warnings } = movedUrls(
      [{ url: '2020/10/03/kept', owner: 'content/kept.md' }, { url: 'old/alias.html' }, { url: 'tags/storm/' }],
      served,
      files,
      false,
    );
    assert.deepEqual([problems, warnings], [[], []]);
  });

  it('names the story whose URL would disappear, with the alias line; a listing is a warning; allowMoved warns', () => {
    const previous = [
      { url: '2020/10/03/moved/', owner: 'content/moved.md', title: 'Moved' },
      { url: '2020/10/03/gone/', owner: 'content/gone.md', title: 'Gone' },
      { url: '2019/Old_Post.html' },
      { url: 'category/weather/' },
      { url: 'page/3/' },
      { url: '2020/10/04/draft/', owner: 'content/draft.md' },
    ];
    const { problems, warnings } = movedUrls(previous, served, files, false);
    assert.deepEqual(
      problems.map((problem) => [problem.code, problem.file, problem.hint?.match(/"(aliases: [^"]+)"/)?.[1]]),
      [
        ['permalink-moved', 'content/moved.md', 'aliases: [/2020/10/03/moved/]'],
        ['permalink-moved', 'content/gone.md', 'aliases: [/2020/10/03/gone/]'],
        ['permalink-moved', undefined, 'aliases: [/2019/Old_Post.html]'],
      ],
    );
    assert.deepEqual(
      warnings.map((warning) => warning.message),
      [
        "the previous site's listing /category/weather/ is not on this site",
        "the previous site's listing /page/3/ is not on this site",
        "its published URL /2020/10/04/draft/ is withdrawn: the story is now a draft, or dated after the build's clock",
      ],
    );
    const allowed = movedUrls(previous, served, files, true);
    assert.deepEqual([allowed.problems.length, allowed.warnings.length], [0, 6]);
  });
});
