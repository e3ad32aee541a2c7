// No silent publishing mistakes: the localhost base URL refused by build, a misspelt field warned
// with the field meant, a story still holding the placeholder of `gazette new` never published,
// and --strict making every warning an error, with nothing written. Each as the CLI prints it.

import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT, type Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { REPO, snapshot } from './support/project.js';

const NOW = '2021-06-01T12:00:00Z';
const STORY = '---\ntitle: Storm hits the coast\ndate: 2021-05-30T10:00:00Z\ntags: [Weather]\n---\n\nRain fell all day.\n';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function newProject(config: string, stories: Record<string, string> = { '2021/05/30/storm.md': STORY }): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-mistakes-'));
  await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
  await writeFile(path.join(root, 'gazette.config.yaml'), `title: The Test Wire\nsearch: false\n${config}`);
  for (const [file, text] of Object.entries(stories)) await writeStory(root, file, text);
  return root;
}

async function writeStory(root: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, 'content', file)), { recursive: true });
  await writeFile(path.join(root, 'content', file), text);
}

async function gazette(root: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line), cwd: root };
  const code = await main([...argv, '--now', NOW], io, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const exists = (file: string) =>
  readFile(file).then(
    () => true,
    () => false,
  );

describe('the base URL', () => {
  let root: string;
  before(async () => {
    root = await newProject('');
  });
  after(() => rm(root, { recursive: true, force: true }));

  const MISSING =
    'gazette.config.yaml  baseUrl  is not set: every feed, canonical link and sitemap would point to http://localhost:4000/  (give the address the site is published at: "baseUrl: https://example.org/" in the configuration, --base-url https://example.org/ or GAZETTE_BASE_URL=https://example.org/)  [base-url-missing]';

  it('is required by build, which names the setting, the flag and the variable, and writes nothing', async () => {
    assert.deepEqual(await gazette(root, ['build']), { code: EXIT.problems, out: '', err: MISSING });
    assert.equal(await exists(path.join(root, 'dist/index.html')), false);
  });

  it('is a warning for check, an error with --strict', async () => {
    const check = await gazette(root, ['check']);
    assert.equal(check.code, EXIT.ok);
    assert.equal(check.err, `warning: ${MISSING}`);
    assert.deepEqual(await gazette(root, ['check', '--strict']), {
      code: EXIT.problems,
      out: '',
      err: `${MISSING}\ngazette: 1 problem found; nothing was written`,
    });
  });

  it('comes from --base-url, or GAZETTE_BASE_URL, whose mistakes are named as such', async () => {
    const flag = await gazette(root, ['build', '--base-url', 'https://news.example.org/']);
    assert.equal(flag.code, EXIT.ok, flag.err);
    assert.match(await readFile(path.join(root, 'dist/feed.xml'), 'utf8'), /<link>https:\/\/news\.example\.org\/<\/link>/);
    const variable = await gazette(root, ['build', '--out', 'from-env'], { GAZETTE_BASE_URL: 'https://env.example.org/' });
    assert.equal(variable.code, EXIT.ok, variable.err);
    assert.match(await readFile(path.join(root, 'from-env/feed.xml'), 'utf8'), /<link>https:\/\/env\.example\.org\/<\/link>/);
    const wrong = await gazette(root, ['check'], { GAZETTE_BASE_URL: 'example.org' });
    assert.equal(
      wrong.err.split('\n')[0],
      'gazette.config.yaml  GAZETTE_BASE_URL  "example.org" is not an absolute URL  (e.g. https://example.org/ or https://example.org/news/)  [config-invalid]',
    );
  });
});

describe('front-matter fields', () => {
  it('warns about an unknown field with the field meant, and says nothing of the fields the site declares', async () => {
    const story = STORY.replace('tags: [Weather]', 'tgas: [Weather]\nrating: 5');
    const root = await newProject('baseUrl: https://example.org/\n', { '2021/05/30/storm.md': story });
    try {
      const run = await gazette(root, ['build']);
      assert.equal(run.code, EXIT.ok, run.err);
      assert.equal(
        run.err,
        [
          'warning: content/2021/05/30/storm.md:4:1  tgas  unknown field "tgas": did you mean "tags"?  (a field of your own is declared in the configuration: fields: [tgas])  [field-unknown]',
          'warning: content/2021/05/30/storm.md:5:1  rating  unknown field "rating"  (a field of your own is declared in the configuration: fields: [rating])  [field-unknown]',
        ].join('\n'),
      );
      await writeFile(path.join(root, 'gazette.config.yaml'), 'title: The Test Wire\nsearch: false\nbaseUrl: https://example.org/\nfields: [rating]\n');
      const declared = await gazette(root, ['build']);
      assert.equal(declared.code, EXIT.ok, declared.err);
      assert.equal(
        declared.err,
        'warning: content/2021/05/30/storm.md:4:1  tgas  unknown field "tgas": did you mean "tags"?  (a field of your own is declared in the configuration: fields: [tgas])  [field-unknown]',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('gazette new and the placeholder', () => {
  it('writes a draft, and a story still holding the placeholder is never published', async () => {
    const root = await newProject('baseUrl: https://example.org/\n');
    try {
      const made = await gazette(root, ['new', 'Floods in the delta']);
      assert.equal(made.out, 'Created content/2021/06/01/floods-in-the-delta.md (a draft: set "draft: false" to publish it)');
      const file = path.join(root, 'content/2021/06/01/floods-in-the-delta.md');
      assert.match(await readFile(file, 'utf8'), /\ndraft: true\n---\n\nWrite the story here\.\n$/);
      const built = await gazette(root, ['build']);
      assert.equal(built.code, EXIT.ok, built.err);
      assert.equal(built.err, '');
      assert.equal(await exists(path.join(root, 'dist/2021/06/01/floods-in-the-delta/index.html')), false, 'a draft is not published');

      await writeFile(file, (await readFile(file, 'utf8')).replace('draft: true', 'draft: false'));
      const before = await snapshot(path.join(root, 'dist'));
      const refused = await gazette(root, ['build']);
      assert.deepEqual(refused, {
        code: EXIT.problems,
        out: '',
        err: [
          'content/2021/06/01/floods-in-the-delta.md:10  the body is still the placeholder "gazette new" wrote  (write the story, or mark it "draft: true")  [story-unwritten]',
          'gazette: 1 problem found; nothing was written',
        ].join('\n'),
      });
      assert.deepEqual(await snapshot(path.join(root, 'dist')), before);
      const edition = await gazette(root, ['edition', '2021-06-01']);
      assert.deepEqual([edition.code, edition.err.split('\n')[0]], [EXIT.problems, refused.err.split('\n')[0]], 'nor sent in an email edition');
      // Shown with the drafts (as gazette dev does), it is a warning.
      const drafts = await gazette(root, ['check', '--drafts']);
      assert.equal(drafts.code, EXIT.ok);
      assert.match(drafts.err, /^warning: content\/2021\/06\/01\/floods-in-the-delta\.md:10 {2}the body is still the placeholder/);

      await writeFile(file, (await readFile(file, 'utf8')).replace('Write the story here.', 'The river rose overnight.'));
      const written = await gazette(root, ['build']);
      assert.equal(written.code, EXIT.ok, written.err);
      assert.equal(await exists(path.join(root, 'dist/2021/06/01/floods-in-the-delta/index.html')), true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('--strict', () => {
  it('makes every warning an error: exit 1, nothing written, also when the site is up to date', async () => {
    const root = await newProject('baseUrl: https://example.org/\n');
    try {
      assert.equal((await gazette(root, ['build'])).code, EXIT.ok);
      const before = await snapshot(path.join(root, 'dist'));
      await writeStory(root, '2021/05/31/quake.md', '---\ntitle: Quake\ndate: 2021-05-31T10:00:00Z\nsumary: A quake.\n---\n\nThe ground shook.\n');
      const WARNING =
        'content/2021/05/31/quake.md:4:1  sumary  unknown field "sumary": did you mean "summary"?  (a field of your own is declared in the configuration: fields: [sumary])  [field-unknown]';
      assert.deepEqual(await gazette(root, ['build', '--strict']), {
        code: EXIT.problems,
        out: '',
        err: `${WARNING}\ngazette: 1 problem found; nothing was written`,
      });
      assert.deepEqual(await snapshot(path.join(root, 'dist')), before);
      assert.equal((await gazette(root, ['check', '--strict'])).code, EXIT.problems);
      // Without --strict the site is built with its warning; built again strictly, nothing changed but the warning stands.
      assert.equal((await gazette(root, ['build'])).err, `warning: ${WARNING}`);
      const again = await gazette(root, ['build', '--strict']);
      assert.deepEqual([again.code, again.err], [EXIT.problems, `${WARNING}\ngazette: 1 problem found; nothing was written`]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
