// Finding a story's image file: read from the story's folder, never outside the content folder,
// whatever the spelling (`..`, percent-escapes, symbolic links).

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { locateStoryImage } from '../../src/content/image-files.js';

describe('locateStoryImage', () => {
  let root: string;
  let content: string;
  let story: string;
  const shown = (file: string) => path.relative(root, file);
  const locate = (url: string) => locateStoryImage(url, story, content, shown);

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gazette-image-files-'));
    content = path.join(root, 'content');
    story = path.join(content, '2020/10/01/story.md');
    await mkdir(path.join(content, '2020/10/01/pictures'), { recursive: true });
    await mkdir(path.join(content, 'shared'), { recursive: true });
    await writeFile(path.join(content, '2020/10/01/photo one.jpg'), 'x');
    await writeFile(path.join(content, 'shared/logo.png'), 'x');
    await writeFile(path.join(root, 'secret.txt'), 'x');
    await symlink(path.join(root, 'secret.txt'), path.join(content, '2020/10/01/link-out.jpg'));
    await symlink(path.join(content, 'shared/logo.png'), path.join(content, '2020/10/01/link-in.png'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('finds a file beside the story, in a sub-folder or elsewhere in the content folder', async () => {
    const photo = path.join(content, '2020/10/01/photo one.jpg');
    assert.deepEqual(await locate('photo%20one.jpg'), { file: photo, real: photo });
    assert.deepEqual(await locate('./photo one.jpg?v=2#top'), { file: photo, real: photo });
    const logo = path.join(content, 'shared/logo.png');
    assert.deepEqual(await locate('../../../shared/logo.png'), { file: logo, real: logo });
    assert.deepEqual(await locate('link-in.png'), { file: path.join(content, '2020/10/01/link-in.png'), real: logo });
  });

  it('says what is missing, and where it looked', async () => {
    assert.deepEqual(await locate('nothing.jpg'), {
      problem: {
        code: 'image-missing',
        message: 'image "nothing.jpg" not found (no file content/2020/10/01/nothing.jpg)',
        hint: "put the image in the story's folder, or correct its path (it is read from the story's folder)",
      },
    });
    assert.deepEqual(await locate('pictures'), {
      problem: { code: 'image-missing', message: 'image "pictures" is a folder, not a file (content/2020/10/01/pictures)', hint: 'name the image file' },
    });
  });

  it('refuses paths that lead out of the content folder, in any spelling', async () => {
    const outside = (url: string) => ({
      problem: {
        code: 'url-unsafe',
        message: `image ${JSON.stringify(url)} is outside the content folder`,
        hint: "keep the story's images in the content folder, and give their path from the story's folder",
      },
    });
    for (const url of ['../../../../etc/passwd', '%2e%2e/%2e%2e/%2e%2e/%2E%2E/etc/passwd', '..%2f..%2f..%2f..%2fsecret.txt', '../../../../secret.txt']) {
      assert.deepEqual(await locate(url), outside(url), url);
    }
    assert.deepEqual(await locate('link-out.jpg'), {
      problem: {
        code: 'url-unsafe',
        message: 'image "link-out.jpg" is a link to a file outside the content folder',
        hint: "keep the story's images in the content folder, and give their path from the story's folder",
      },
    });
  });

  it('refuses broken escapes, backslashes and control characters', async () => {
    assert.deepEqual(await locate('photo%zz.jpg'), {
      problem: { code: 'url-unsafe', message: 'image "photo%zz.jpg" has a broken percent-escape', hint: 'write % as %25' },
    });
    for (const url of ['..\\..\\secret.txt', 'photo%00.jpg']) {
      assert.deepEqual(await locate(url), {
        problem: {
          code: 'url-unsafe',
          message: `image ${JSON.stringify(url)} is not a file path`,
          hint: 'separate folders with /, and leave out control characters',
        },
      });
    }
  });
});
