// The fast paths against the slow one: a random (seeded) sequence of edits to a copy of the sample
// project (stories and pages, raw HTML and embeds in them, pictures and files beside them, links
// between them, templates, static files, settings with the embed allow-list). After every step, the output of a Builder that keeps its caches and syncs its output in
// place (as `gazette dev` does), and the output of a new build that reads the build cache of the
// previous ones (as the next `gazette build` does, or finds it has nothing to do), must be
// byte-for-byte what a cold build writes.

import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { loadConfig } from '../src/config.js';
import type { Config } from '../src/config-types.js';
import { BuildFailed } from '../src/errors.js';
import { type Builder, createBuilder } from '../src/incremental/builder.js';
import { build } from '../src/incremental/publish.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from './support/project.js';

const STEPS = Number(process.env.GAZETTE_DIFF_STEPS ?? 16);
const SEED = Number(process.env.GAZETTE_DIFF_SEED ?? 20201001);

/** A small seeded generator (mulberry32), so a failing sequence can be replayed with its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (n: number) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

const TAGS = ['Algeria', 'Libya', 'Sahel', 'Energy', 'Économie', 'الجزائر', 'Football', 'Migration'];
const SECTIONS = ['Africa', 'Middle East', 'middle east', 'Business', 'Sport', 'Économie', '—'];
const AUTHORS = ['Ines Trabelsi', 'ines trabelsi', 'Aminata Koné', 'Moussa Diarra', 'Nadia Ouali', 'Yacine Belkacem'];
/** Versions of content/authors.yaml: profiles keyed by name or by their own slug, with and without fields. */
const PROFILES = [
  'Ines Trabelsi:\n  bio: Covers Libya.\n  photo: /images/ines.jpg\n',
  'Ines Trabelsi:\n  bio: Covers Libya and Tunisia.\n  links: { Website: "https://example.org/ines/" }\nAminata Koné:\n',
  'akone:\n  name: Aminata Koné\n  email: aminata@example.org\nNadia Ouali: {}\n',
  'Someone Else:\n  bio: Has not filed yet.\n',
  '',
];
/** Raw HTML as stories carry it: kept, embedded, refused, or removed with a warning. */
const RAW_HTML = [
  '<figure>\n<img src="https://example.org/a.jpg" alt="A harbour">\n<figcaption>The harbour. <small class="credit">AP</small></figcaption>\n</figure>',
  '<details>\n<summary>Method</summary>\n\nWe *counted*.\n</details>',
  '<iframe src="https://www.youtube.com/embed/abc" width="640" height="360" title="The vote"></iframe>',
  '<iframe src="https://datawrapper.dwcdn.net/xY1/2/" height="400"></iframe>',
  '<iframe src="https://elsewhere.example/frame"></iframe> and <img src="https://example.org/b.jpg" alt="B" onerror="x()">',
  '```python\nprint("vote")\n```',
];
/** The embed allow-lists the configuration step switches between (the Markdown's cache key must follow them). */
const EMBED_LISTS = ['youtube, datawrapper', 'vimeo', 'datawrapper, elsewhere.example'];
const BROKEN_PROFILES = 'Ines Trabelsi:\n  bio: [unclosed\n';
const WORDS = ['harbour', 'ministers', 'pipeline', 'referendum', 'drought', 'ceasefire', 'exports', 'festival', 'league', 'grid'];

interface Step {
  name: string;
  /** Absolute paths the step touched (both names of a rename). */
  touched: string[];
  /** Whether the step needs a new Builder (the configuration changed). */
  reconfigure?: boolean;
}

describe('incremental builds match cold builds byte for byte', () => {
  let project: Project;
  let rng: ReturnType<typeof random>;
  let counter = 0;
  const configFor = (out: string): Config => loadConfig(project.root, { now: SAMPLE_NOW, out, drafts: true, future: true });

  before(async () => {
    project = await copySampleProject();
    rng = random(SEED);
  });
  after(() => project.remove());

  const content = () => path.join(project.root, 'content');
  const authorsFile = () => path.join(content(), 'authors.yaml');
  const broken = new Set<string>();
  let brokenProfiles = false;
  /** The stories an operation may pick: broken ones wait for their fix. */
  async function storyFiles(): Promise<string[]> {
    const entries = await readdir(content(), { recursive: true });
    return entries
      .filter((entry) => entry.endsWith('.md'))
      .sort()
      .map((entry) => path.join(content(), entry))
      .filter((file) => !broken.has(file));
  }
  function storyText(title: string, tags: string[], day: number, body: string): string {
    return `---\ntitle: "${title}"\ndate: 2020-10-0${day}T0${day}:30:00+01:00\ntags: [${tags.map((tag) => JSON.stringify(tag)).join(', ')}]\n---\n\n${body}\n`;
  }
  const sentence = () => Array.from({ length: 8 }, () => rng.pick(WORDS)).join(' ');
  /** A small picture of a random size and colour (the sample's chart is one of the PNGs too). */
  const writePicture = (file: string) =>
    sharp({
      create: {
        width: 200 + rng.below(600),
        height: 100 + rng.below(300),
        channels: 3,
        background: { r: rng.below(256), g: rng.below(256), b: rng.below(256) },
      },
    })
      .png()
      .toFile(file);
  async function pictureFiles(): Promise<string[]> {
    const entries = await readdir(content(), { recursive: true });
    return entries
      .filter((entry) => entry.endsWith('.png'))
      .sort()
      .map((entry) => path.join(content(), entry));
  }

  async function besideFiles(): Promise<string[]> {
    const entries = await readdir(content(), { recursive: true });
    return entries
      .filter((entry) => /\.(pdf|csv)$/.test(entry))
      .sort()
      .map((entry) => path.join(content(), entry));
  }

  const operations: Record<string, () => Promise<Step>> = {
    async add() {
      counter += 1;
      const day = 1 + rng.below(4);
      const file = path.join(content(), `2020/10/0${day}/added-${counter}.md`);
      await project.addStory(
        path.relative(content(), file),
        storyText(`Added story ${counter} on the ${rng.pick(WORDS)}`, [rng.pick(TAGS), rng.pick(TAGS)], day, sentence()),
      );
      return { name: `add ${path.basename(file)}`, touched: [file] };
    },
    async editBody() {
      const file = rng.pick(await storyFiles());
      await writeFile(file, `${await readFile(file, 'utf8')}\nA late paragraph about the ${sentence()}.\n`);
      return { name: `edit body of ${path.basename(file)}`, touched: [file] };
    },
    async rawHtml() {
      const file = rng.pick(await storyFiles());
      const html = rng.pick(RAW_HTML);
      await writeFile(file, `${await readFile(file, 'utf8')}\n## On the ${rng.pick(WORDS)}\n\n${html}\n\n[Back up](#on-the-${rng.pick(WORDS)})\n`);
      return { name: `raw HTML in ${path.basename(file)}`, touched: [file] };
    },
    async retag() {
      const file = rng.pick(await storyFiles());
      const text = await readFile(file, 'utf8');
      const tags = `tags: [${[rng.pick(TAGS), rng.pick(TAGS)].map((tag) => JSON.stringify(tag)).join(', ')}]`;
      await writeFile(file, /^tags:.*$/m.test(text) ? text.replace(/^tags:.*$/m, tags) : text.replace(/^---\n/, `---\n${tags}\n`));
      return { name: `retag ${path.basename(file)}`, touched: [file] };
    },
    async retitle() {
      const file = rng.pick(await storyFiles());
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/^title:.*$/m, `title: "Retitled: ${rng.pick(WORDS)} ${counter++}"`));
      return { name: `retitle ${path.basename(file)}`, touched: [file] };
    },
    async rename() {
      const file = rng.pick(await storyFiles());
      const target = path.join(path.dirname(file), `renamed-${counter++}.md`);
      await rename(file, target);
      return { name: `rename ${path.basename(file)}`, touched: [file, target] };
    },
    async remove() {
      const files = await storyFiles();
      if (files.length < 6) return operations.add!();
      const file = rng.pick(files);
      await rm(file);
      return { name: `delete ${path.basename(file)}`, touched: [file] };
    },
    async template() {
      if (rng.below(3) === 0) {
        // The email stylesheet is part of the theme, though no template includes it.
        const file = path.join(project.root, 'templates/email.css');
        await writeFile(file, `${await readFile(file, 'utf8')}.meta { letter-spacing: ${counter++}px; }\n`);
        return { name: 'edit the email stylesheet', touched: [file] };
      }
      const file = path.join(project.root, 'templates/partials/footer.liquid');
      await writeFile(file, `${await readFile(file, 'utf8')}<!-- edit ${counter++} -->\n`);
      return { name: 'edit the footer template', touched: [file] };
    },
    async staticFile() {
      const file = path.join(project.root, 'static', rng.below(2) === 0 ? 'notes.txt' : 'images/extra.txt');
      await writeFile(file, `static ${counter++}\n`);
      return { name: `write static ${path.basename(file)}`, touched: [file] };
    },
    async config() {
      const file = path.join(project.root, 'gazette.config.yaml');
      const text = await readFile(file, 'utf8');
      const sections = `sections: [${[rng.pick(SECTIONS.slice(0, 6)), 'Europe', rng.pick(['Culture', 'Sport', 'Technology'])].join(', ')}]`;
      const embeds = `markdown: { embeds: [${rng.pick(EMBED_LISTS)}] }`;
      await writeFile(
        file,
        (/^markdown:/m.test(text) ? text.replace(/^markdown:.*(\n[ \t]+.*)*/m, embeds) : `${text.trimEnd()}\n${embeds}\n`)
          .replace(/^title:.*$/m, `title: The Maghreb Wire ${counter++}`)
          .replace(/^pageSize:.*$/m, `pageSize: ${3 + rng.below(8)}`)
          .replace(/^sections:.*$/m, sections),
      );
      return { name: 'edit the configuration', touched: [file], reconfigure: true };
    },
    async section() {
      const file = rng.pick(await storyFiles());
      const text = (await readFile(file, 'utf8')).replace(/^section:.*\n/m, '');
      const section = rng.below(5) === 0 ? '' : `section: "${rng.pick(SECTIONS)}"\n`;
      await writeFile(file, text.replace(/^---\n/, `---\n${section}`));
      return { name: `change the section of ${path.basename(file)}`, touched: [file] };
    },
    async byline() {
      const file = rng.pick(await storyFiles());
      const text = (await readFile(file, 'utf8')).replace(/^authors?:.*\n/m, '');
      const names = Array.from({ length: rng.below(3) }, () => rng.pick(AUTHORS));
      await writeFile(file, text.replace(/^---\n/, names.length > 0 ? `---\nauthors: [${names.map((name) => JSON.stringify(name)).join(', ')}]\n` : '---\n'));
      return { name: `change the byline of ${path.basename(file)}`, touched: [file] };
    },
    async profiles() {
      const file = authorsFile();
      const broken = rng.below(6) === 0;
      await writeFile(file, broken ? BROKEN_PROFILES : rng.pick(PROFILES));
      if (broken) brokenProfiles = true;
      return { name: broken ? 'break authors.yaml' : 'edit authors.yaml', touched: [file] };
    },
    async addImage() {
      const story = rng.pick(await storyFiles());
      const name = `picture-${counter++}.png`;
      const file = path.join(path.dirname(story), name);
      await writePicture(file);
      await writeFile(story, `${await readFile(story, 'utf8')}\n![A picture of the ${rng.pick(WORDS)}](${name})\n`);
      return { name: `add ${name} to ${path.basename(story)}`, touched: [file, story] };
    },
    async changeImage() {
      const pictures = await pictureFiles();
      if (pictures.length === 0) return operations.addImage!();
      const file = rng.pick(pictures);
      await writePicture(file);
      return { name: `change the picture ${path.basename(file)}`, touched: [file] };
    },
    async deleteImage() {
      const pictures = await pictureFiles();
      if (pictures.length === 0) return operations.addImage!();
      const file = rng.pick(pictures);
      await rm(file);
      const touched = [file];
      // Now and then the stories keep showing it, and fail to build until the author rewrites them.
      const keepUses = rng.below(3) === 0;
      for (const story of await storyFiles()) {
        const text = await readFile(story, 'utf8');
        const without = text
          .split('\n')
          .filter((line) => !line.includes(`](${path.basename(file)})`))
          .join('\n');
        if (without === text) continue;
        if (keepUses) broken.add(story);
        else await writeFile(story, without);
        touched.push(story);
      }
      return { name: `delete the picture ${path.basename(file)}${keepUses ? ', still shown' : ' and its uses'}`, touched };
    },
    async attachFile() {
      const story = rng.pick(await storyFiles());
      const name = rng.below(2) === 0 ? `report-${counter++}.pdf` : `data/figures-${counter++}.csv`;
      const file = path.join(path.dirname(story), name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, `${sentence()}\n`);
      await writeFile(story, `${await readFile(story, 'utf8')}\nThe [${rng.pick(WORDS)} file](${name}) is published.\n`);
      return { name: `attach ${name} to ${path.basename(story)}`, touched: [file, story] };
    },
    async changeFile() {
      const files = await besideFiles();
      if (files.length === 0) return operations.attachFile!();
      const file = rng.pick(files);
      await writeFile(file, `${sentence()}\n`);
      return { name: `change the file ${path.basename(file)}`, touched: [file] };
    },
    async deleteFile() {
      const files = await besideFiles();
      if (files.length === 0) return operations.attachFile!();
      const file = rng.pick(files);
      await rm(file);
      return { name: `delete the file ${path.basename(file)}, still linked`, touched: [file] };
    },
    async linkStory() {
      const [from, to] = [rng.pick(await storyFiles()), rng.pick(await storyFiles())] as [string, string];
      const link = path.relative(path.dirname(from), to).split(path.sep).join('/');
      await writeFile(from, `${await readFile(from, 'utf8')}\nSee [the ${rng.pick(WORDS)} story](${link}${rng.below(2) === 0 ? '#top' : ''}).\n`);
      return { name: `link ${path.basename(from)} to ${path.basename(to)}`, touched: [from] };
    },
    async addPage() {
      counter += 1;
      const elsewhere = rng.below(3) === 0;
      const file = path.join(content(), elsewhere ? `desk/page-${counter}.md` : `pages/${rng.below(2) === 0 ? 'about/' : ''}page-${counter}.md`);
      await mkdir(path.dirname(file), { recursive: true });
      const date = rng.below(2) === 0 ? 'date: 2020-09-01T10:00:00Z\n' : '';
      await writeFile(file, `---\ntitle: "Page ${counter} on the ${rng.pick(WORDS)}"\n${elsewhere ? 'type: page\n' : ''}${date}---\n\n${sentence()}\n`);
      return { name: `add the page ${path.relative(content(), file)}`, touched: [file] };
    },
    async resave() {
      const file = rng.pick(await storyFiles());
      await writeFile(file, await readFile(file));
      return { name: `save ${path.basename(file)} unchanged`, touched: [file] };
    },
    async breakStory() {
      const file = rng.pick(await storyFiles());
      await writeFile(file, `---\ntitle: [unclosed\n---\nBroken.\n`);
      return { name: `break ${path.basename(file)}`, touched: [file] };
    },
  };
  const weighted = [
    'add',
    'add',
    'editBody',
    'rawHtml',
    'rawHtml',
    'editBody',
    'retag',
    'retitle',
    'rename',
    'remove',
    'template',
    'staticFile',
    'config',
    'breakStory',
    'section',
    'section',
    'byline',
    'profiles',
    'profiles',
    'addImage',
    'changeImage',
    'deleteImage',
    'resave',
    'attachFile',
    'changeFile',
    'deleteFile',
    'linkStory',
    'linkStory',
    'addPage',
    'addPage',
  ];

  it(`holds over ${STEPS} random steps (seed ${SEED})`, async () => {
    let builder: Builder = createBuilder(configFor('dev-out'));
    await builder.build();
    for (let step = 1; step <= STEPS; step += 1) {
      const change = await operations[rng.pick(weighted)]!();
      if (change.name.startsWith('break')) for (const file of change.touched) broken.add(file);
      // A broken story stays broken for a step or two, then the author rewrites it.
      if (broken.size > 0 && !change.name.startsWith('break') && rng.below(2) === 0) {
        for (const file of broken) await writeFile(file, storyText(`Fixed ${counter++}`, [rng.pick(TAGS)], 2, sentence()));
        change.touched.push(...broken);
        change.name += ' and fix the broken stories';
        broken.clear();
      }
      if (brokenProfiles && !change.name.startsWith('break') && rng.below(2) === 0) {
        await writeFile(authorsFile(), rng.pick(PROFILES));
        change.touched.push(authorsFile());
        change.name += ' and fix authors.yaml';
        brokenProfiles = false;
      }
      const label = `step ${step}: ${change.name}`;
      if (change.reconfigure) builder = createBuilder(configFor('dev-out'), { output: builder.output });

      const outcome = (run: Promise<unknown>) =>
        run.then(
          () => 'built',
          (error: unknown) => failure(error, label),
        );
      // Stories are renamed and removed on purpose: the URL check (test/kept-urls.e2e.test.ts) lets them go.
      const cold = await outcome(build(configFor('cold-out'), { write: true, cache: false, allowMoved: true }));
      // As the dev loop does: an edited story's page first, then the rebuild.
      const firstPages = await builder.firstPages(new Set(change.touched));
      const early = await snapshot(path.join(project.root, 'dev-out'));
      const incremental = await outcome(
        builder.build(new Set(change.touched)).then((report) => {
          const rewritten = firstPages.filter((file) => report.written.includes(file));
          assert.deepEqual(rewritten, [], `${label}: the rebuild keeps the pages written first`);
        }),
      );
      const cached = await outcome(build(configFor('cached-out'), { write: true, allowMoved: true }));
      assert.equal(incremental, cold, `${label}: the dev builder and a cold build succeed or fail alike`);
      assert.equal(cached, cold, `${label}: a cached and a cold build succeed or fail alike`);
      if (cold !== 'built') continue;
      const expected = await snapshot(path.join(project.root, 'cold-out'));
      for (const file of firstPages) assert.ok(early.get(file)?.equals(expected.get(file) as Buffer), `${label}: the page written first, ${file}, differs`);
      for (const out of ['dev-out', 'cached-out']) {
        const actual = await snapshot(path.join(project.root, out));
        assert.deepEqual([...actual.keys()], [...expected.keys()], `${label}: same files in ${out}`);
        for (const [file, bytes] of expected) assert.ok(actual.get(file)?.equals(bytes), `${label}: ${out}/${file} differs`);
      }
    }
  });
});

describe("the dev loop's first pages", () => {
  let project: Project;
  let builder: Builder;
  const story = () => path.join(project.root, 'content/2020/10/01/us-defense-chief-algeria-visit.md');
  const STORY_PAGE = '2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/index.html';
  const config = (out: string) => loadConfig(project.root, { now: SAMPLE_NOW, out });

  before(async () => {
    project = await copySampleProject();
    builder = createBuilder(config('dev-out'));
    await builder.build();
  });
  after(() => project.remove());

  async function edit(change: (text: string) => string): Promise<string[]> {
    await writeFile(story(), change(await readFile(story(), 'utf8')));
    const written = await builder.firstPages(new Set([story()]));
    await builder.build(new Set([story()]));
    return written;
  }

  it("writes a story's page at once after an edit of its text, as the rebuild and a cold build make it", async () => {
    await writeFile(story(), `${await readFile(story(), 'utf8')}\nA paragraph written in the dev loop.\n`);
    assert.deepEqual(await builder.firstPages(new Set([story()])), [STORY_PAGE]);
    const early = await readFile(path.join(project.root, 'dev-out', STORY_PAGE));
    assert.match(early.toString(), /A paragraph written in the dev loop\./);
    const report = await builder.build(new Set([story()]));
    assert.ok(!report.written.includes(STORY_PAGE), 'the rebuild finds the page made');
    assert.ok(report.written.length > 0, 'the rebuild writes the rest (the feeds carry the new text)');
    await build(config('cold-out'), { write: true, cache: false });
    assert.ok(early.equals(await readFile(path.join(project.root, 'cold-out', STORY_PAGE))), "byte for byte a cold build's page");
  });

  it('leaves the rebuild alone when the front-matter changed, a picture was added, or the story does not build', async () => {
    const textOnly = (text: string) => `${text}\nAnother paragraph.\n`;
    const declines: [string, (text: string) => string][] = [
      ['the title is on other pages', (text) => text.replace(/^title: .*$/m, 'title: "A new title"')],
      ['the date moves it', (text) => text.replace(/^(date: .*)T16:40/m, '$1T17:40')],
      ['a picture to publish', (text) => `${text}\n![A chart](euro-zone-pmi-september.png)\n`],
    ];
    for (const [reason, change] of declines) {
      assert.deepEqual(await edit(change), [], reason);
      assert.equal((await edit(textOnly)).length, 1, `after "${reason}", an edit of the text alone is written first again`);
    }
    assert.deepEqual(await edit((text) => `${text}\n<script>alert(1)</script>\n`), [], 'a warning to report');
    const good = (await readFile(story(), 'utf8')).replace('\n<script>alert(1)</script>\n', '');
    await writeFile(story(), '---\ntitle: [unclosed\n---\nBroken.\n');
    assert.deepEqual(await builder.firstPages(new Set([story()])), [], 'a problem to report');
    await assert.rejects(builder.build(new Set([story()])), BuildFailed);
    await writeFile(story(), `${good}\nFixed.\n`);
    assert.deepEqual(await builder.firstPages(new Set([story()])), [], 'not after a failed build: its problems are shown until a rebuild succeeds');
    await builder.build(new Set([story()]));
    assert.equal((await edit(textOnly)).length, 1, 'and again once a rebuild succeeded');
  });

  it('leaves the rebuild alone for a new story or a template', async () => {
    const added = path.join(project.root, 'content/2020/10/02/added.md');
    await writeFile(added, '---\ntitle: "Added"\ndate: 2020-10-02T08:00:00+01:00\n---\n\nText.\n');
    assert.deepEqual(await builder.firstPages(new Set([added])), []);
    const footer = path.join(project.root, 'templates/partials/footer.liquid');
    await writeFile(footer, `${await readFile(footer, 'utf8')}\n`);
    assert.deepEqual(await builder.firstPages(new Set([footer])), []);
    assert.deepEqual(await builder.firstPages(new Set([added, story()])), [], 'nor for a story edited beside a new one');
  });
});

describe('pages kept by a later build, and those it makes again', () => {
  let project: Project;
  const config = (out: string, now = SAMPLE_NOW) => loadConfig(project.root, { now, out, future: true });
  // Stories dated before the sample's (in August) are no neighbour nor related story of its stories.
  const story = (name: string, date: string, fields: string) => `---\ntitle: "${name}"\ndate: ${date}T07:00:00+01:00\n${fields}\n---\n\nText of ${name}.\n`;

  before(async () => {
    project = await copySampleProject();
    await build(config('cached-out'));
  });
  after(() => project.remove());

  /**
   * Each of these changes reaches pages whose stories' files did not change: the cached build must
   * make those pages again, byte for byte as a cold build does, and keep the pages the change does
   * not reach (`kept`, and at least one file in any case) without writing them.
   */
  async function matchesColdBuild(label: string, kept: readonly string[], now = SAMPLE_NOW): Promise<void> {
    const report = await build(config('cached-out', now));
    await build(config('cold-out', now), { write: true, cache: false });
    const expected = await snapshot(path.join(project.root, 'cold-out'));
    const actual = await snapshot(path.join(project.root, 'cached-out'));
    assert.deepEqual([...actual.keys()], [...expected.keys()], `${label}: same files`);
    for (const [file, bytes] of expected) assert.ok(actual.get(file)?.equals(bytes), `${label}: ${file} differs`);
    assert.ok(report.written.length < report.files, `${label}: the cached build kept no file (${report.written.length} of ${report.files} written)`);
    for (const file of kept) assert.ok(!report.written.includes(file), `${label}: ${file} was written again, not kept`);
  }
  /** A story page far from every change below: no neighbour or related story of what they add or edit. */
  const FAR_PAGE = '2020/09/28/oran-desalination-plant/index.html';

  it("follows a tag's name as most of its stories spell it", async () => {
    // Four stories of the sample spell it Sahel.
    for (const name of ['one', 'two', 'three', 'four', 'five'])
      await project.addStory(`2020/08/01/sahel-${name}.md`, story(`Sahel ${name}`, '2020-08-01', 'tags: [SAHEL]'));
    await matchesColdBuild('the tag Sahel spelt SAHEL by most', [FAR_PAGE]);
  });

  it("follows an author's page as authors.yaml names it", async () => {
    // The sample's profile names Lamine Chikhi's page authors/lchikhi/.
    await writeFile(path.join(project.root, 'content/authors.yaml'), 'Lamine Chikhi:\n  bio: Reports from Algiers.\n');
    await matchesColdBuild('Lamine Chikhi at authors/lamine-chikhi/', [FAR_PAGE]);
  });

  it("follows an author's profile onto the author's pages", async () => {
    await writeFile(path.join(project.root, 'content/authors.yaml'), 'Lamine Chikhi:\n  bio: Reports from Algiers.\n  email: lamine@example.org\n');
    await matchesColdBuild("Lamine Chikhi's email added", [FAR_PAGE]);
  });

  it('follows the pages of a listing when a numbered page is added before them', async () => {
    for (let count = 0; count < 11; count += 1)
      await project.addStory(`2020/08/03/harbour-${count}.md`, story(`Harbour ${count}`, '2020-08-03', 'tags: [Harbour]'));
    await matchesColdBuild('a tag of two pages', [FAR_PAGE]);
    // Ten new stories, the newest: the oldest numbered pages (of the front page and the tag) keep
    // their stories, and link to a new page before them.
    for (let count = 0; count < 10; count += 1)
      await project.addStory(`2020/10/04/newest-${count}.md`, story(`Newest ${count}`, '2020-10-04', 'tags: [Harbour]'));
    await matchesColdBuild('a numbered page added', [FAR_PAGE, 'page/1/index.html']);
  });

  it("follows a section's name, as most of its stories spell it, into the search index", async () => {
    // The sample's one story of the section spells it Sport; its pages show its own spelling, its search document the section's.
    for (const name of ['one', 'two']) await project.addStory(`2020/08/02/sport-${name}.md`, story(`Sport ${name}`, '2020-08-02', 'section: SPORT'));
    await matchesColdBuild('the section Sport spelt SPORT by most', [FAR_PAGE]);
  });

  it('follows the language into the search index', async () => {
    const settings = path.join(project.root, 'gazette.config.yaml');
    await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^language: en$/m, 'language: fr'));
    await matchesColdBuild('the site in French', []);
  });

  it("follows a neighbour's and a related story's title", async () => {
    const file = path.join(project.root, 'content/2020/10/03/niger-solar-mini-grids.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^title:.*$/m, 'title: "Niger retitled"'));
    await matchesColdBuild('a story retitled', [FAR_PAGE]);
  });

  it('follows the clock past a scheduled story', async () => {
    await project.addStory('2020/10/09/scheduled.md', story('Scheduled', '2020-10-09', 'tags: [Sahel]'));
    await matchesColdBuild('a story scheduled after the clock', [FAR_PAGE]);
    await matchesColdBuild('the clock past it', [FAR_PAGE], '2020-10-10T12:00:00Z');
  });
});

function failure(error: unknown, label: string): string {
  if (error instanceof BuildFailed) return error.problems.map((problem) => problem.format()).join('\n');
  throw new Error(`${label}: unexpected error`, { cause: error });
}
