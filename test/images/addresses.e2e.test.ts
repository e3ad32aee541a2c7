// Picture addresses that are not on the web (file:, smb:, …), on the real CLI (the compiled lib/:
// run `npm run compile` first): refused in front-matter and content/authors.yaml, naming file, line
// and field; removed from a story's body with a warning, as script URLs are.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { gazetteEnv } from '../support/cli-process.js';
import { REPO } from '../support/project.js';

const NOW = '2021-06-01T12:00:00Z';
const STORY_HINT = 'give a path such as photo.jpg (beside the story), /images/photo.jpg (in static/) or an https:// URL';

/** A project of these files (paths under content/), with the default theme. */
async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-addresses-'));
  await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
  await writeFile(path.join(root, 'gazette.config.yaml'), 'title: The Test Wire\nbaseUrl: https://example.org/\ntimeZone: UTC\nlanguage: en\nsearch: false\n');
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, 'content', file)), { recursive: true });
    await writeFile(path.join(root, 'content', file), text);
  }
  return root;
}

function gazette(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'bin/gazette.js'), ...argv, '--now', NOW], { cwd, env: gazetteEnv() }, (error, out, err) => {
      resolve({ code: error ? Number(error.code) : 0, out, err });
    });
  });
}

describe('picture addresses not on the web', () => {
  const roots: string[] = [];
  after(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

  it('are errors in front-matter and in authors.yaml, naming file, line and field, for check and build', async () => {
    const root = await project({
      '2021/05/01/passwd.md': '---\ntitle: Passwords\ndate: 2021-05-01\nauthor: Ines Trabelsi\nimage:\n  src: file:///etc/passwd\n  alt: A file\n---\nText.\n',
      '2021/05/02/share.md': '---\ntitle: Share\ndate: 2021-05-02\nimage: { src: "smb://server/share/photo.jpg", alt: A photo }\n---\nText.\n',
      'authors.yaml': 'Ines Trabelsi:\n  bio: Covers Libya.\n  photo: "FILE:///C:/Users/ines/portrait.jpg"\n',
    });
    roots.push(root);
    const expected = [
      `content/2021/05/01/passwd.md:6:3  image.src  "file:///etc/passwd" is not an image address  (${STORY_HINT})  [url-unsafe]`,
      `content/2021/05/02/share.md:4:10  image.src  "smb://server/share/photo.jpg" is not an image address  (${STORY_HINT})  [url-unsafe]`,
      'content/authors.yaml:3:3  Ines Trabelsi.photo  "FILE:///C:/Users/ines/portrait.jpg" is not a safe address  (give a path such as /images/authors/name.jpg or an https:// URL)  [url-unsafe]',
    ];
    for (const command of ['check', 'build']) {
      const run = await gazette(root, command);
      assert.equal(run.code, 1, `${command}: ${run.out}${run.err}`);
      assert.deepEqual(
        run.err.split('\n').filter((line) => line.startsWith('content/')),
        expected,
        command,
      );
    }
  });

  it("are removed from a story's body, as written or by reference, with a warning", async () => {
    const root = await project({
      '2021/05/01/body.md':
        '---\ntitle: Body\ndate: 2021-05-01\n---\nA map: ![A map](file:///home/desk/map.png)\n\nA chart: ![A chart][chart]\n\n[chart]: smb://server/chart.png\n',
    });
    roots.push(root);
    const run = await gazette(root, 'build');
    assert.equal(run.code, 0, run.err);
    assert.match(
      run.err,
      /^warning: content\/2021\/05\/01\/body\.md:5:8 {2}a link or image to a javascript:, vbscript: or data: URL, or an image at a file: or other address not on the web, was removed \(here and in 1 more place\) {2}\(.*\) {2}\[url-unsafe\]$/m,
    );
    const html = await readFile(path.join(root, 'dist/2021/05/01/body/index.html'), 'utf8');
    assert.deepEqual(cheerio.load(html)('.story__body img').length, 0);
    assert.doesNotMatch(html, /file:|smb:/);
  });
});
