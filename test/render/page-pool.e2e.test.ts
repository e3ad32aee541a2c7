// Pages rendered on worker threads are the pages the build's own thread renders, page for page and
// for a whole site; a template's mistake is reported with its place either way.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { BuildFailed, GazetteError } from '../../src/errors.js';
import { build } from '../../src/incremental/publish.js';
import { LazyHtml } from '../../src/markdown/lazy-html.js';
import { createPageRenderer } from '../../src/render/page-pool.js';
import { createThemeRenderer, renderPage, type ThemeSource, viewData } from '../../src/render/page-text.js';
import { assertBuildsAlike, assertSameFiles, copySampleProject, type Project, SAMPLE_NOW, snapshot } from '../support/project.js';

const SOURCE: ThemeSource = {
  label: 'templates',
  origins: {},
  words: {},
  language: 'en',
  emailCss: '',
  site: { title: 'The Daily' },
  templates: {
    'story.liquid': [
      '<h1>{{ page.title }} – {{ site.title }}</h1>',
      '{{ story.html | raw }}',
      '{% for tag in story.tags %}<a href="{{ tag.url }}">{{ tag.name }}</a>{% endfor %}',
      '{% if broken %}',
      '{% render "partials/missing" %}',
      '{% endif %}',
    ].join('\n'),
  },
};

function contexts(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    page: { title: `Story ${index} & more` },
    story: {
      html: new LazyHtml(`hash-${index}`, () => `<p>Body of story ${index}</p>`),
      tags: [{ name: `Tag ${index % 7}`, url: `/tags/tag-${index % 7}/` }],
    },
  }));
}

const STORY = { kind: 'story' as const, title: '', data: {} };

describe('createPageRenderer', () => {
  it("renders on worker threads exactly what the build's thread renders, in order", async () => {
    const theme = createThemeRenderer(SOURCE);
    const pages = createPageRenderer(theme, SOURCE, 'en', 2);
    try {
      await pages.started();
      const texts = await Promise.all(contexts(60).map((context) => pages.render(STORY, context)));
      assert.ok(pages.inWorkers > 0, 'the worker rendered some of the pages');
      assert.deepEqual(
        texts,
        contexts(60).map((context) => renderPage(STORY, context, theme, 'en')),
      );
      assert.match(texts[7] ?? '', /<h1>Story 7 &amp; more – The Daily<\/h1>\n<p>Body of story 7<\/p>/);
    } finally {
      await pages.close();
    }
  });

  it("renders in the build's thread alone with one thread, and for the first pages of a build", async () => {
    const theme = createThemeRenderer(SOURCE);
    for (const pages of [createPageRenderer(theme, SOURCE, 'en', 1), createPageRenderer(theme, SOURCE, 'en')]) {
      const texts = contexts(20).map((context) => pages.render(STORY, context));
      assert.ok(
        texts.every((text) => typeof text === 'string'),
        'each page is rendered at once',
      );
      assert.equal(pages.inWorkers, 0);
      await pages.close();
    }
  });

  it("renders a page whose view data a worker cannot be sent in the build's thread", async () => {
    const theme = createThemeRenderer(SOURCE);
    const pages = createPageRenderer(theme, SOURCE, 'en', 2);
    try {
      // The worker is ready, so that only the view data keeps the page in this thread.
      await pages.started();
      const context = { page: { title: 'Dated' }, story: { html: 'x', tags: [], when: new Date(0) } };
      assert.equal(await pages.render(STORY, context), renderPage(STORY, context, theme, 'en'));
      assert.equal(pages.inWorkers, 0);
    } finally {
      await pages.close();
    }
  });

  it("reports a template's mistake in a page a worker was given with its file and line, as one thread does", async () => {
    const failures: unknown[] = [];
    for (const threads of [1, 2]) {
      const pages = createPageRenderer(createThemeRenderer(SOURCE), SOURCE, 'en', threads);
      const all = contexts(40).map((context, index) => (index === 30 ? { ...context, broken: true } : context));
      try {
        await pages.started();
        await Promise.all(all.map(async (context) => pages.render(STORY, context)));
      } catch (error) {
        failures.push(error);
      } finally {
        await pages.close();
      }
    }
    assert.equal(failures.length, 2);
    for (const failure of failures) {
      assert.ok(failure instanceof GazetteError);
      assert.equal(failure.code, 'template-error');
      assert.equal(failure.file, 'templates/story.liquid');
      assert.equal(failure.line, 5);
    }
  });
});

describe('viewData', () => {
  it("gives a story's HTML as its text, and copies the rest", () => {
    const context = { story: { html: new LazyHtml('h', '<p>x</p>'), tags: [{ name: 'a' }] }, count: 3, none: null };
    const { data, plain } = viewData(context);
    assert.equal(plain, true);
    assert.deepEqual(data, { story: { html: '<p>x</p>', tags: [{ name: 'a' }] }, count: 3, none: null });
    assert.notEqual(data.story, context.story, 'what leads to the HTML is copied');
    assert.equal((data.story as { tags: unknown }).tags, context.story.tags, 'the rest is shared');
    assert.equal(context.story.html instanceof LazyHtml, true, 'the view data given is left as it was');
  });

  it('keeps what is not a plain value as it is, and says so', () => {
    const when = new Date(0);
    const { data, plain } = viewData({ when });
    assert.equal(plain, false);
    assert.equal(data.when, when);
  });
});

describe('a build with pages on worker threads', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('writes the same site, byte for byte', async () => {
    await assertBuildsAlike(project, { pageThreads: 1 }, { pageThreads: 2 });
  });

  it("fails on a template's mistake with its place, and leaves the output as it was", async () => {
    const out = path.join(project.root, 'three');
    await build(loadConfig(project.root, { now: SAMPLE_NOW, out }), { write: true, cache: false, pageThreads: 2 });
    const built = await snapshot(out);
    const template = path.join(project.root, 'templates', 'tag.liquid');
    await writeFile(template, '{% layout "layouts/base" %}\n{%- block content %}\n{% render "partials/nowhere" %}\n{%- endblock %}\n');
    await assert.rejects(build(loadConfig(project.root, { now: SAMPLE_NOW, out }), { write: true, cache: false, pageThreads: 2 }), (error) => {
      assert.ok(error instanceof BuildFailed || error instanceof GazetteError);
      const problem = error instanceof BuildFailed ? error.problems[0] : error;
      assert.equal(problem?.code, 'template-error');
      assert.equal(problem?.file, 'templates/tag.liquid');
      assert.equal(problem?.line, 3);
      return true;
    });
    assertSameFiles(await snapshot(out), built);
  });
});
