// The command line as a user meets it: commands, flags, messages and exit codes.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { EXIT, type Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { parseYaml } from '../src/yaml.js';
import { gazetteEnv } from './support/cli-process.js';
import { assertSameFiles, copySampleProject, type Project, REPO, SAMPLE_NOW, snapshot } from './support/project.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function gazette(cwd: string, ...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line), cwd };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The CLI as a process of the user nobody (uid 65534), for permission tests run as root. */
function asNobody(cwd: string, argv: string[]): Promise<Run> {
  const script = `const { main } = await import(${JSON.stringify(path.join(REPO, 'src/cli/main.ts'))}); process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, ...argv], {
    cwd,
    uid: 65534,
    gid: 65534,
    env: gazetteEnv({ HOME: tmpdir() }),
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, out, err })));
}

describe('gazette CLI', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it('builds and says what it built', async () => {
    const run = await gazette(project.root, 'build', '--now', SAMPLE_NOW);
    assert.equal(run.code, EXIT.ok, run.err);
    assert.match(run.out, /^Built \d+ stories into \d+ pages in dist\/ in \d+ ms \((\d+) files: \1 written, 0 removed, 0 kept\)$/);
  });

  it('rebuilds from the cache, writing only what changed, unless --no-cache is given', async () => {
    const written = (out: string) => Number(/: (\d+) written, /.exec(out)?.[1]);
    await gazette(project.root, 'build', '--now', SAMPLE_NOW);
    const unchanged = await gazette(project.root, 'build', '--now', SAMPLE_NOW);
    assert.equal(unchanged.code, EXIT.ok, unchanged.err);
    assert.match(
      unchanged.out,
      /^Nothing changed since the last build: dist\/ is up to date \(\d+ stories, \d+ pages, (\d+) files: 0 written, 0 removed, \1 kept\) in \d+ ms$/,
    );
    const story = path.join(project.root, 'content/2020/10/03/niger-solar-mini-grids.md');
    await writeFile(story, `${await readFile(story, 'utf8')}\nA paragraph added by the desk.\n`);
    const cached = await gazette(project.root, 'build', '--now', SAMPLE_NOW);
    assert.equal(cached.code, EXIT.ok, cached.err);
    assert.ok(written(cached.out) > 3 && written(cached.out) < 30, cached.out);
    const full = await gazette(project.root, 'build', '--now', SAMPLE_NOW, '--no-cache');
    assert.equal(full.code, EXIT.ok, full.err);
    assert.ok(written(full.out) > 100, full.out);
  });

  it('checks without writing', async () => {
    const run = await gazette(project.root, 'check', '--now', SAMPLE_NOW, '--out', 'elsewhere');
    assert.equal(run.code, EXIT.ok, run.err);
    assert.match(run.out, /^Checked \d+ stories and \d+ pages in \d+ ms: no problems$/);
    await assert.rejects(readFile(path.join(project.root, 'elsewhere', 'index.html')));
  });

  it('prints every problem like a compiler, exits 1 and shows no stack trace', async () => {
    await project.addStory('bad.md', '---\ntitle: ""\ndate: yesterday\n---\n');
    const run = await gazette(project.root, 'build', '--now', SAMPLE_NOW);
    assert.equal(run.code, EXIT.problems);
    assert.equal(
      run.err,
      [
        'content/bad.md:2:1  title  is empty  (remove the field or give it a value)  [field-invalid]',
        'content/bad.md:3:1  date  "yesterday" is not a date  (expected an ISO 8601 date such as 2020-10-01 or 2020-10-01T16:40:00+01:00)  [date-invalid]',
        'gazette: 2 problems found; nothing was written',
      ].join('\n'),
    );
    assert.doesNotMatch(run.err, /\n\s+at /);
    await rm(path.join(project.root, 'content/bad.md'));
  });

  it('shows no stack trace for an unexpected error unless --debug is given, and exits 3', async () => {
    // An unexpected failure: the terminal cannot take the summary line (a closed pipe, say).
    const broken = (argv: string[]) => {
      const err: string[] = [];
      const io: Io = {
        out: () => {
          throw new TypeError('stdout is closed');
        },
        err: (line) => err.push(line),
        cwd: project.root,
      };
      // The sample's links to pages of its own address that it does not have are warned about first (link-broken).
      const problems = () =>
        err
          .join('\n')
          .split('\n')
          .filter((line) => !line.startsWith('warning: '));
      return main(argv, io).then((code) => ({ code, err: problems().join('\n') }));
    };
    const plain = await broken(['build', '--now', SAMPLE_NOW]);
    assert.equal(plain.code, EXIT.internal);
    assert.equal(plain.err, 'gazette: unexpected error: stdout is closed\nRun again with --debug to see where it happened, and report it.');
    const debug = await broken(['build', '--now', SAMPLE_NOW, '--debug']);
    assert.equal(debug.code, EXIT.internal);
    assert.match(debug.err, /^gazette: unexpected error: stdout is closed\nTypeError: stdout is closed\n\s+at /);
  });

  it('shows the cause of a problem with --debug, and never without', async () => {
    await writeFile(path.join(project.root, 'content/latin1.md'), Buffer.from('---\ntitle: Caf\xe9\ndate: 2020-10-01\n---\n', 'latin1'));
    try {
      const plain = await gazette(project.root, 'build', '--now', SAMPLE_NOW);
      assert.equal(
        plain.err,
        'content/latin1.md:2:11  the file is not valid UTF-8 text (byte 0xE9)  (save it as UTF-8)  [content-unreadable]\ngazette: 1 problem found; nothing was written',
      );
      const debug = await gazette(project.root, 'build', '--now', SAMPLE_NOW, '--debug');
      assert.equal(debug.code, EXIT.problems);
      assert.match(debug.err, /\[content-unreadable\]\nTypeError: The encoded data was not valid for encoding utf-8\n\s+at /);
    } finally {
      await rm(path.join(project.root, 'content/latin1.md'));
    }
  });

  it('prints control characters from file names and stories as escapes, never raw to the terminal', async () => {
    const name = 'content/title\u001b]0;pwned\u0007.md';
    await writeFile(path.join(project.root, name), '---\ntitle: 42\ndate: 2020-10-01\n---\n');
    try {
      const run = await gazette(project.root, 'check', '--now', SAMPLE_NOW);
      assert.equal(run.code, EXIT.problems);
      assert.doesNotMatch(run.err, /[\u0000-\u0008\u000b-\u001f\u007f]/);
      assert.match(run.err, /^content\/title\\u001b\]0;pwned\\u0007\.md:2:1 {2}title {2}expected text/);
    } finally {
      await rm(path.join(project.root, name));
    }
  });

  it('reports an output folder it may not write as output-failed, leaving the previous site (as nobody, when run as root)', async () => {
    const locked = await copySampleProject();
    try {
      assert.equal((await gazette(locked.root, 'build', '--now', SAMPLE_NOW)).code, EXIT.ok);
      const before = await snapshot(locked.out);
      await chmod(locked.root, 0o555);
      // File permissions do not stop root: then the build runs as the unprivileged user nobody.
      const run =
        process.getuid?.() === 0
          ? await asNobody(locked.root, ['build', '--now', SAMPLE_NOW, '--no-cache'])
          : await gazette(locked.root, 'build', '--now', SAMPLE_NOW, '--no-cache');
      assert.equal(run.code, EXIT.problems);
      assert.equal(run.err.trim(), 'dist  cannot write the site: EACCES  (the output folder is not writable)  [output-failed]');
      assert.deepEqual(await snapshot(locked.out), before);
    } finally {
      await chmod(locked.root, 0o755);
      await locked.remove();
    }
  });

  it('reports configuration problems with their line', async () => {
    const run = await gazette(project.root, 'build', '--config', path.join(REPO, 'test/fixtures/bad-config/gazette.config.yaml'));
    assert.equal(run.code, EXIT.problems);
    assert.match(run.err, /gazette\.config\.yaml:2:1 {2}timeZone {2}unknown time zone "Mars\/Olympus"/);
    assert.match(run.err, /gazette\.config\.yaml:3:1 {2}pageSize {2}expected a whole number of at least 1, found number 0/);
  });

  it('refuses a blank baseUrl, naming the setting and the flag that gives one, and builds nothing', async () => {
    const config = path.join(project.root, 'blank-base-url.yaml');
    try {
      for (const [line, blank] of [
        ['baseUrl:', ''],
        ['baseUrl: ""', '""'],
        ['baseUrl: "  "', '"  "'],
        ['baseUrl: ~', '~'],
      ] as const) {
        await writeFile(config, `title: The Maghreb Wire\n${line}\ntimeZone: Africa/Algiers\n`);
        const run = await gazette(project.root, 'build', '--config', config, '--now', SAMPLE_NOW, '--out', 'blank-base-url');
        assert.equal(run.code, EXIT.problems, blank);
        assert.equal(
          run.err,
          [
            'blank-base-url.yaml:2:1  baseUrl  is blank: every absolute link (feeds, sitemaps, link previews) would point to http://localhost:4000/  (give the address the site is published at, e.g. "baseUrl: https://example.org/", or pass --base-url https://example.org/)  [config-invalid]',
            'gazette: 1 problem found; nothing was written',
          ].join('\n'),
          blank,
        );
        await assert.rejects(readFile(path.join(project.root, 'blank-base-url/index.html')));
      }
      const given = await gazette(project.root, 'check', '--config', config, '--now', SAMPLE_NOW, '--base-url', 'https://example.org/');
      assert.equal(given.code, EXIT.ok, given.err);
    } finally {
      await rm(config);
    }
  });

  it("refuses aliases that take Gazette's own paths or collide with a file it writes, naming the story, the line and the field", async () => {
    const story = path.join(project.root, 'content/2020/10/04/renamed.md');
    const logo = path.join(project.root, 'static/wire-logo.png');
    assert.equal((await gazette(project.root, 'build', '--now', SAMPLE_NOW)).code, EXIT.ok);
    const before = await snapshot(project.out);
    await mkdir(path.dirname(story), { recursive: true });
    const build = async (aliases: string[]) => {
      await writeFile(
        story,
        [
          '---',
          'title: A story with old URLs',
          'date: 2020-10-04T09:00:00+01:00',
          'aliases:',
          ...aliases.map((alias) => `  - ${alias}`),
          '---',
          'Text.',
          '',
        ].join('\n'),
      );
      const run = await gazette(project.root, 'build', '--now', SAMPLE_NOW);
      assert.equal(run.code, EXIT.problems, run.out);
      return run.err.split('\n');
    };
    try {
      assert.deepEqual(await build(['/feed.xml', '/.gazette-output', '/Tags/Algeria/', '/page/7/', '/images/x/', '/robots.txt', '/old/fine/']), [
        "content/2020/10/04/renamed.md:5:5  aliases  the old URL /feed.xml is Gazette's own: the site's feed  (remove it from aliases: its page cannot be there)  [permalink-duplicate]",
        "content/2020/10/04/renamed.md:6:5  aliases  the old URL /.gazette-output is Gazette's own: the file that marks the output folder as Gazette's  (remove it from aliases: its page cannot be there)  [permalink-duplicate]",
        "content/2020/10/04/renamed.md:7:5  aliases  the old URL /Tags/Algeria/ is Gazette's own: the tag pages and feeds  (remove it from aliases: its page cannot be there)  [permalink-duplicate]",
        "content/2020/10/04/renamed.md:8:5  aliases  the old URL /page/7/ is Gazette's own: the front page's pages of older stories  (remove it from aliases: its page cannot be there)  [permalink-duplicate]",
        "content/2020/10/04/renamed.md:9:5  aliases  the old URL /images/x/ is Gazette's own: the pictures  (remove it from aliases: its page cannot be there)  [permalink-duplicate]",
        "content/2020/10/04/renamed.md:10:5  aliases  the old URL /robots.txt is Gazette's own: robots.txt  (remove it from aliases: its page cannot be there)  [permalink-duplicate]",
        'gazette: 6 problems found; nothing was written',
      ]);
      assert.deepEqual(await build(['/2020/10/01/email.html']), [
        "content/2020/10/04/renamed.md:5:5  aliases  the old URL /2020/10/01/email.html is already the email page  (remove it from aliases: the page there is not this story's)  [permalink-duplicate]",
        'gazette: 1 problem found; nothing was written',
      ]);
      // Paths no list names: a page's file, and a static file, where an alias's page needs a folder.
      await writeFile(logo, 'not really a picture');
      assert.deepEqual(await build(['/2020/10/01/euro-zone-factories-grow-for-third-month-but-jobs-keep-disappearing/index.html/', '/wire-logo.png/']), [
        'content/2020/10/04/renamed.md:5:5  aliases  the page of the old URL /2020/10/01/euro-zone-factories-grow-for-third-month-but-jobs-keep-disappearing/index.html/ needs a folder where Gazette writes /2020/10/01/euro-zone-factories-grow-for-third-month-but-jobs-keep-disappearing/index.html  (remove it from aliases, or rename the file it collides with)  [permalink-duplicate]',
        'content/2020/10/04/renamed.md:6:5  aliases  the page of the old URL /wire-logo.png/ needs a folder where Gazette writes /wire-logo.png  (remove it from aliases, or rename the file it collides with)  [permalink-duplicate]',
        'gazette: 2 problems found; nothing was written',
      ]);
      assertSameFiles(await snapshot(project.out), before);
    } finally {
      await rm(story, { force: true });
      await rm(logo, { force: true });
    }
  });

  it('refuses wrong usage with exit code 2', async () => {
    assert.equal((await gazette(project.root, 'publish')).code, EXIT.usage);
    assert.equal((await gazette(project.root, 'build', '--frobnicate')).code, EXIT.usage);
    assert.equal((await gazette(project.root, 'build', '--now', 'tomorrow')).code, EXIT.usage);
    assert.equal((await gazette(project.root)).code, EXIT.usage);
    const help = await gazette(project.root, '--help');
    assert.equal(help.code, EXIT.ok);
    assert.match(help.out, /^Usage: gazette <command>/);
  });

  it('creates a new story with front-matter, the date now and a stable id', async () => {
    const run = await gazette(project.root, 'new', 'Storm hits the coast', '--tags', 'Weather, Algeria', '--now', '2020-10-06T08:30:00Z');
    assert.equal(run.code, EXIT.ok, run.err);
    assert.equal(run.out, 'Created content/2020/10/06/storm-hits-the-coast.md (a draft: set "draft: false" to publish it)');
    const text = await readFile(path.join(project.root, 'content/2020/10/06/storm-hits-the-coast.md'), 'utf8');
    const frontMatter = parseYaml(text.split('---\n')[1] ?? '').value as Record<string, unknown>;
    assert.equal(frontMatter.title, 'Storm hits the coast');
    assert.equal(frontMatter.date, '2020-10-06T09:30:00+01:00');
    assert.deepEqual(frontMatter.tags, ['Weather', 'Algeria']);
    assert.match(String(frontMatter.id), /^urn:uuid:[0-9a-f-]{36}$/);
    assert.equal(frontMatter.summary, null);
    assert.equal(frontMatter.draft, true);
    const check = await gazette(project.root, 'check', '--now', '2020-10-06T12:00:00Z');
    assert.equal(check.code, EXIT.ok, `a new story, a draft, builds as it is:\n${check.err}`);
    const again = await gazette(project.root, 'new', 'Storm hits the coast', '--now', '2020-10-06T08:30:00Z');
    assert.equal(again.code, EXIT.usage);
    assert.match(again.err, /already exists/);
  });

  it('refuses a new story whose title gives no usable slug', async () => {
    const empty = await gazette(project.root, 'new', '!!!', '--now', '2020-10-06T08:30:00Z');
    assert.deepEqual([empty.code, empty.err], [EXIT.usage, 'title  "!!!" gives an empty URL slug  (use a title with letters or digits)  [usage]']);
    const device = await gazette(project.root, 'new', 'Nul', '--now', '2020-10-06T08:30:00Z');
    assert.deepEqual(
      [device.code, device.err],
      [EXIT.usage, 'title  "Nul" gives the URL slug "nul", a reserved device name on Windows  (use a longer title)  [usage]'],
    );
  });

  it('refuses a port that is not a port', async () => {
    const run = await gazette(project.root, 'dev', '--port', 'http');
    assert.equal(run.code, EXIT.usage);
    assert.equal(run.err, 'gazette dev: --port must be a number from 0 to 65535, not "http"');
  });

  it('runs dev until interrupted: serves with the reload script, then stops cleanly on SIGINT', async () => {
    const script = `const { main } = await import(${JSON.stringify(path.join(REPO, 'src/cli/main.ts'))}); process.exitCode = await main(process.argv.slice(1));`;
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script, 'dev', '--port', '0', '--now', SAMPLE_NOW],
      { cwd: project.root, env: gazetteEnv() },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (let waited = 0; !/Press Ctrl\+C to stop/.test(out); waited += 50) {
        assert.ok(waited < 20_000, `dev did not start:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const url = /Serving The Maghreb Wire at (http:\/\/localhost:\d+\/)/.exec(out)?.[1];
      assert.ok(url, out);
      const front = await fetch(url);
      assert.equal(front.status, 200, out);
      assert.match(await front.text(), /new EventSource\("\/__gazette\/events"\)/);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });

  it('runs as the installed bin', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO, 'bin/gazette.js'), '--version']);
    const manifest = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(stdout.trim(), manifest.version);
  });
});

describe('gazette edition', () => {
  let project: Project;
  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  it("prints the day's plain-text edition from the content alone, then the HTML with --html: the very files a build writes", async () => {
    const text = await gazette(project.root, 'edition', '2020-10-01', '--now', SAMPLE_NOW);
    assert.equal(text.code, EXIT.ok, text.err);
    assert.equal(text.err, '');
    await assert.rejects(readFile(path.join(project.root, 'dist/index.html')), 'nothing was built');
    assert.match(text.out, /^THE MAGHREB WIRE\nThursday, October 1, 2020 · 3 stories\n/);
    const html = await gazette(project.root, 'edition', '2020-10-01', '--html', '--now', SAMPLE_NOW);
    assert.equal(html.code, EXIT.ok, html.err);
    const $ = cheerio.load(html.out);
    assert.equal($('.story__title').length, 3);
    await project.build();
    // Each printed line ends in a newline, as the files do.
    assert.equal(`${text.out}\n`, await project.read('2020/10/01/email.txt'));
    assert.equal(`${html.out}\n`, await project.read('2020/10/01/email.html'));
  });

  it('writes the edition to a file with --out, or both files into a folder', async () => {
    const file = await gazette(project.root, 'edition', '2020-10-02', '--now', SAMPLE_NOW, '--out', 'out/friday.txt');
    assert.equal(file.code, EXIT.ok, file.err);
    assert.equal(file.out, 'Wrote the edition of 2020-10-02 to out/friday.txt');
    assert.match(await readFile(path.join(project.root, 'out/friday.txt'), 'utf8'), /^THE MAGHREB WIRE\nFriday, October 2, 2020/);
    const folder = await gazette(project.root, 'edition', '2020-10-02', '--now', SAMPLE_NOW, '--out', 'out/friday/', '--quiet');
    assert.equal(folder.code, EXIT.ok, folder.err);
    assert.equal(folder.out, '');
    assert.match(await readFile(path.join(project.root, 'out/friday/email.html'), 'utf8'), /^<!DOCTYPE html>/);
    assert.match(await readFile(path.join(project.root, 'out/friday/email.txt'), 'utf8'), /^THE MAGHREB WIRE\n/);
  });

  it('names the nearest editions and exits 1 for a day without stories', async () => {
    const between = await gazette(project.root, 'edition', '2020-09-15', '--now', SAMPLE_NOW);
    assert.equal(between.code, EXIT.problems);
    assert.equal(between.out, '');
    assert.equal(between.err, 'there is no edition on 2020-09-15: no story is published that day  (the nearest edition is 2020-09-28)  [edition-missing]');
    const later = await gazette(project.root, 'edition', '2020-12-24', '--now', SAMPLE_NOW);
    assert.equal(later.err, 'there is no edition on 2020-12-24: no story is published that day  (the nearest edition is 2020-10-03)  [edition-missing]');
    // A story dated after the clock is not published, so its day has no edition without --future.
    await project.addStory('2020/10/04/later.md', '---\ntitle: Later that week\ndate: 2020-10-06T09:00:00+01:00\n---\nSoon.\n');
    const gap = await gazette(project.root, 'edition', '2020-10-04', '--now', SAMPLE_NOW, '--future');
    assert.equal(
      gap.err,
      'there is no edition on 2020-10-04: no story is published that day  (the nearest editions are 2020-10-03 and 2020-10-06)  [edition-missing]',
    );
    assert.equal((await gazette(project.root, 'edition', '2020-10-06', '--now', SAMPLE_NOW)).code, EXIT.problems);
    assert.equal((await gazette(project.root, 'edition', '2020-10-06', '--now', SAMPLE_NOW, '--future')).code, EXIT.ok);
  });

  it('refuses a missing or malformed day with exit code 2', async () => {
    for (const argv of [
      ['edition'],
      ['edition', '2020-10-32'],
      ['edition', '1 October 2020'],
      ['edition', '2020-1-1'],
      ['edition', '2020-10-01', '2020-10-02'],
    ]) {
      const run = await gazette(project.root, ...argv);
      assert.equal(run.code, EXIT.usage, argv.join(' '));
      assert.match(run.err, /^gazette edition: .*e\.g\. gazette edition 2020-10-01$/, argv.join(' '));
      assert.equal(run.out, '');
    }
  });
});
