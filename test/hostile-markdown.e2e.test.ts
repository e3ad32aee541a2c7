// Markdown that remark renders slowly cannot hang a build: each shape of bench/pathological.ts,
// small here and under a small time budget, is either rendered or stopped by the budget with
// `markdown-too-slow` naming its file; a story far too slow for any budget is always stopped; the
// other stories' problems are reported with theirs, and without the stopped stories the site builds.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PATHOLOGICAL_SHAPES } from '../bench/pathological.js';
import { loadConfig } from '../src/config.js';
import { build } from '../src/incremental/publish.js';
import { slugify } from '../src/urls/slug.js';
import { buildSmallSite, SMALL_SITE_CONFIG, SMALL_SITE_NOW, type SmallSite } from './support/small-site.js';

const SHAPE_BYTES = 8 * 1024;
const BUDGET_SECONDS = 1;
const TOO_SLOW = new RegExp(`^content/(.+\\.md):5  the Markdown took more than ${BUDGET_SECONDS} s to render and was stopped  .*\\[markdown-too-slow\\]$`);

const story = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2021-05-01T10:00:00Z\n---\n${body}\n`;
const shapeFile = (name: string) => `2021/05/01/${slugify(name)}.md`;

describe('Markdown that renders slowly', () => {
  let site: SmallSite;
  const stopped = new Set<string>();

  before(async () => {
    const stories: Record<string, string> = {
      // Emphasis never closed, at a size remark takes minutes over.
      '2021/05/01/endless.md': story('Endless', '*a'.repeat(100_000)),
      '2021/05/01/broken-picture.md': story('Broken picture', '![A picture](missing.jpg)'),
    };
    for (const shape of PATHOLOGICAL_SHAPES) stories[shapeFile(shape.name)] = story(shape.name, shape.make(SHAPE_BYTES));
    site = await buildSmallSite(stories, { config: `${SMALL_SITE_CONFIG}limits:\n  storySeconds: ${BUDGET_SECONDS}\n` });
  });
  after(() => site?.remove());

  it('stops each story past the budget, naming it, and reports the other problems with them', (context) => {
    const others = site.problems.filter((problem) => !TOO_SLOW.test(problem));
    assert.deepEqual(others, [
      `content/2021/05/01/broken-picture.md:5:1  image "missing.jpg" not found (no file content/2021/05/01/missing.jpg)  (put the image in the story's folder, or correct its path (it is read from the story's folder))  [image-missing]`,
    ]);
    for (const problem of site.problems) {
      const file = TOO_SLOW.exec(problem)?.[1];
      if (file !== undefined) stopped.add(file);
    }
    assert.ok(stopped.has('2021/05/01/endless.md'), site.problems.join('\n'));
    const shapes = new Set(PATHOLOGICAL_SHAPES.map((shape) => shapeFile(shape.name)));
    for (const file of stopped) assert.ok(file === '2021/05/01/endless.md' || shapes.has(file), file);
    context.diagnostic(`stopped at ${SHAPE_BYTES / 1024} KB: ${[...stopped].sort().join(', ')}`);
  });

  it('builds the rest of the site once the stopped stories are gone', async () => {
    for (const file of [...stopped, '2021/05/01/broken-picture.md']) await rm(path.join(site.root, 'content', file));
    // The stories left rendered within the budget; on a busy machine they may not again.
    await writeFile(path.join(site.root, 'gazette.config.yaml'), `${SMALL_SITE_CONFIG}limits:\n  storySeconds: 120\n`);
    const report = await build(loadConfig(site.root, { now: SMALL_SITE_NOW }));
    assert.equal(report.stories, PATHOLOGICAL_SHAPES.length + 1 - stopped.size);
    for (const shape of PATHOLOGICAL_SHAPES) {
      const file = shapeFile(shape.name);
      const page = path.join(site.out, file.replace(/\.md$/, ''), 'index.html');
      assert.equal(existsSync(page), !stopped.has(file), file);
    }
  });
});
