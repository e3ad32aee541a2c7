// Front-matter is data. gray-matter, which splits our stories, would run `---js` front-matter
// through eval; every fixture in test/fixtures/frontmatter-languages carries a payload that writes a
// marker file and sets a global, and each must be refused by the real build without running.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { buildSmallSite } from '../support/small-site.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/frontmatter-languages');
const pwned = () => (globalThis as { __gazettePwned?: unknown }).__gazettePwned;

/** The fence language as the author wrote it, after "---" on the first line. */
async function fenceOf(fixture: string): Promise<string> {
  const text = await readFile(path.join(FIXTURES, fixture), 'utf8');
  return (text.split('\n')[0] ?? '').slice(3).trim();
}

describe('front-matter in another language than YAML', async () => {
  const DATA = ['yaml-js-tag.md', 'json.md', 'toml.md'];
  const fixtures = (await readdir(FIXTURES)).filter((name) => name.endsWith('.md') && !DATA.includes(name)).sort();
  let scratch: string;
  let marker: string;
  before(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'gazette-fence-'));
    marker = path.join(scratch, 'ran');
    process.env.GAZETTE_MARKER = marker;
  });
  after(async () => {
    delete process.env.GAZETTE_MARKER;
    await rm(scratch, { recursive: true, force: true });
  });

  it('is armed: gray-matter left to itself runs the payload of the ---js fixture', async () => {
    const armed = path.join(scratch, 'armed');
    const script = `const matter = require('gray-matter'); matter(require('fs').readFileSync(${JSON.stringify(path.join(FIXTURES, 'js.md'))}, 'utf8'));`;
    await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: path.join(import.meta.dirname, '../..'),
      env: { ...process.env, GAZETTE_MARKER: armed },
    });
    assert.equal(await readFile(armed, 'utf8'), 'front-matter ran');
  });

  for (const fixture of fixtures) {
    it(`${fixture} is refused and never run`, async () => {
      const site = await buildSmallSite({ [fixture]: await readFile(path.join(FIXTURES, fixture)) });
      try {
        const language = await fenceOf(fixture);
        assert.deepEqual(site.problems, [
          `content/${fixture}:1:4  front-matter in "${language}" is not accepted  (front-matter is data: write it in YAML after a plain "---" fence, in TOML between "+++" lines, or in JSON)  [frontmatter-language]`,
        ]);
        assert.equal(existsSync(marker), false, 'the payload wrote its marker file');
        assert.equal(pwned(), undefined, 'the payload set its global');
        assert.equal(existsSync(site.out), false);
      } finally {
        await site.remove();
      }
    });
  }

  it('---json and ---toml are data, read as JSON and TOML', async () => {
    const site = await buildSmallSite({
      'json.md': await readFile(path.join(FIXTURES, 'json.md')),
      'toml.md': await readFile(path.join(FIXTURES, 'toml.md')),
    });
    try {
      assert.deepEqual(site.problems, []);
      const feed = JSON.parse(await site.read('feed.json')) as { items: { title: string }[] };
      assert.deepEqual(feed.items.map((item) => item.title).sort(), ['JSON front-matter', 'TOML front-matter']);
    } finally {
      await site.remove();
    }
  });

  it('a YAML tag such as !!js/function stays text', async () => {
    const site = await buildSmallSite({ 'yaml-js-tag.md': await readFile(path.join(FIXTURES, 'yaml-js-tag.md')) });
    try {
      assert.deepEqual(site.problems, []);
      const feed = JSON.parse(await site.read('feed.json')) as { items: { title: string }[] };
      assert.equal(feed.items[0]?.title, 'function () { require("fs").writeFileSync(process.env.GAZETTE_MARKER, "tag ran") }');
      assert.equal(existsSync(marker), false);
    } finally {
      await site.remove();
    }
  });
});
