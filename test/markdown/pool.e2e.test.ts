// Markdown on worker threads gives exactly what the renderer gives, story for story and for a whole
// site; a story that runs past the budget fails alone, and an abort ends the workers at once.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { heldBody } from '../../src/content/body.js';
import { GazetteError } from '../../src/errors.js';
import { createMarkdownPool } from '../../src/markdown/pool.js';
import { createMarkdownRenderer, type RenderedMarkdown, renderStoryMarkdown, type StoryText } from '../../src/markdown/processor.js';
import type { MarkdownSettings } from '../../src/markdown/worker-protocol.js';
import { assertBuildsAlike, copySampleProject, type Project } from '../support/project.js';

const SITE: MarkdownSettings = {
  rawHtml: false,
  embeds: [],
  baseUrl: 'https://example.org/news/',
  basePath: '/news/',
  storySeconds: 60,
  words: { heading_anchor: 'Link to this section' },
  language: 'en',
};

function stories(count: number): StoryText[] {
  return Array.from({ length: count }, (_, index) => ({
    permalink: `2020/10/${String((index % 28) + 1).padStart(2, '0')}/story-${index}/`,
    file: `content/story-${index}.md`,
    bodyLine: 5,
    body: heldBody(
      [
        `Paragraph ${index} with a [relative link](../other-${index}/), a [root link](/tags/energy/) and a footnote.[^${index}]`,
        `## Heading ${index}`,
        `- item one\n- item two with <b>raw HTML</b>\n\n> a quote\n\n| a | b |\n|---|---|\n| ${index} | x |`,
        `[^${index}]: The note.`,
      ].join('\n\n'),
    ),
  }));
}

/** A story remark takes far longer than any test to render: emphasis that never closes. */
function endless(file: string): StoryText {
  return { permalink: '2020/10/01/endless/', file, bodyLine: 4, body: heldBody('*a'.repeat(200_000)) };
}

async function renderAll(batch: readonly StoryText[], settings: MarkdownSettings, threads: number, signal?: AbortSignal) {
  const pool = createMarkdownPool(settings);
  const rendered: RenderedMarkdown[] = [];
  try {
    const problems = await pool.renderEach(batch, (index, made) => (rendered[index] = made), { threads, signal });
    return { rendered, problems };
  } finally {
    await pool.close();
  }
}

describe('the Markdown pool', () => {
  const markdown = createMarkdownRenderer({ anchorLabel: 'Link to this section', rawHtml: false });
  const batch = stories(40);
  const expected = batch.map((story) => renderStoryMarkdown(markdown, story, SITE));

  it('renders on worker threads exactly what the renderer gives, in order', async () => {
    for (const threads of [1, 3]) {
      const { rendered, problems } = await renderAll(batch, SITE, threads);
      assert.deepEqual(problems, []);
      assert.deepEqual(rendered, expected);
    }
    assert.match(expected[7]?.feedHtml ?? '', /href="https:\/\/example\.org\/news\/2020\/10\/08\/other-7\/"/);
  });

  it('reports a story whose text cannot be read, and renders the others', async () => {
    const problem = new GazetteError({ code: 'content-unreadable', file: 'content/gone.md', message: 'the story changed while the site was being built' });
    const broken = batch.map((story, index) =>
      index === 5
        ? {
            ...story,
            body: {
              hash: 'gone',
              text: () => {
                throw problem;
              },
            },
          }
        : story,
    );
    const { rendered, problems } = await renderAll(broken, SITE, 2);
    assert.deepEqual(problems, [problem]);
    assert.equal(rendered.filter(Boolean).length, batch.length - 1);
    assert.deepEqual(rendered[6], expected[6]);
  });

  it('stops a story that runs past the budget, names it, and renders every other story on a fresh worker', async () => {
    const slow = [...batch.slice(0, 3), endless('content/2020/10/01/endless.md'), ...batch.slice(3)];
    const { rendered, problems } = await renderAll(slow, { ...SITE, storySeconds: 0.5 }, 1);
    assert.deepEqual(
      problems.map((problem) => problem.format()),
      [
        'content/2020/10/01/endless.md:4  the Markdown took more than 0.5 s to render and was stopped  (split the story, or look for long runs of "*", "_", "~", backticks or brackets; limits.storySeconds sets the budget)  [markdown-too-slow]',
      ],
    );
    assert.equal(rendered[3], undefined);
    assert.deepEqual(rendered.filter(Boolean), expected);
  });

  it('ends its workers when the build is aborted, and rejects with the reason', { timeout: 60_000 }, async () => {
    const controller = new AbortController();
    const reason = new GazetteError({ code: 'interrupted', field: 'SIGINT', message: 'stopped' });
    const pool = createMarkdownPool(SITE);
    const rendering = pool.renderEach([endless('content/endless.md')], () => undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 1000);
    await assert.rejects(rendering, (error) => error === reason);
    await pool.close();
  });

  it('renders nothing for no stories', async () => {
    assert.deepEqual(await renderAll([], SITE, 2), { rendered: [], problems: [] });
  });
});

describe('a build with Markdown on worker threads', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('writes the same site, byte for byte, with one worker or two', async () => {
    await assertBuildsAlike(project, { markdownThreads: 1 }, { markdownThreads: 2 });
  });
});
