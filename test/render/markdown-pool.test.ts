// Markdown on worker threads gives exactly what the build's own thread gives, story for story and
// for a whole site.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { heldBody } from '../../src/content/body.js';
import { GazetteError } from '../../src/errors.js';
import { renderAllMarkdown } from '../../src/render/markdown-pool.js';
import { createMarkdownRenderer } from '../../src/render/markdown.js';
import { assertBuildsAlike, copySampleProject, type Project } from '../support/project.js';

const SITE = { rawHtml: false, baseUrl: 'https://example.org/news/', basePath: '/news/' };

function stories(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    permalink: `2020/10/${String((index % 28) + 1).padStart(2, '0')}/story-${index}/`,
    body: heldBody([
      `Paragraph ${index} with a [relative link](../other-${index}/), a [root link](/tags/energy/) and a footnote.[^${index}]`,
      `## Heading ${index}`,
      `- item one\n- item two with <b>raw HTML</b>\n\n> a quote\n\n| a | b |\n|---|---|\n| ${index} | x |`,
      `[^${index}]: The note.`,
    ].join('\n\n')),
  }));
}

describe('renderAllMarkdown', () => {
  it('renders on worker threads exactly what one thread renders, in order', async () => {
    const markdown = createMarkdownRenderer({ rawHtml: false });
    const batch = stories(120);
    const alone = await renderAllMarkdown(markdown, batch, SITE, 1);
    const shared = await renderAllMarkdown(markdown, batch, SITE, 3);
    assert.equal(alone.inWorkers, 0);
    assert.ok(shared.inWorkers > 0, 'the workers rendered some of the stories');
    assert.deepEqual(shared.rendered, alone.rendered);
    assert.match(alone.rendered[7]?.feedHtml ?? '', /href="https:\/\/example\.org\/news\/2020\/10\/08\/other-7\/"/);
  });

  it('fails with the problem of a story whose text cannot be read, on worker threads too', async () => {
    const batch = stories(120);
    const problem = new GazetteError({ code: 'content-unreadable', file: 'content/gone.md', message: 'the story changed while the site was being built' });
    batch[5] = { ...batch[5] as (typeof batch)[number], body: { hash: 'gone', text: () => { throw problem; } } };
    for (const threads of [1, 3]) {
      await assert.rejects(renderAllMarkdown(createMarkdownRenderer({ rawHtml: false }), batch, SITE, threads), (error) => error === problem);
    }
  });

  it('renders nothing for no stories', async () => {
    assert.deepEqual(await renderAllMarkdown(createMarkdownRenderer({ rawHtml: false }), [], SITE, 2), { rendered: [], inWorkers: 0 });
  });
});

describe('a build with Markdown on worker threads', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('writes the same site, byte for byte', async () => {
    await assertBuildsAlike(project, { markdownThreads: 1 }, { markdownThreads: 2 });
  });
});
