// The deploy snippets of docs/deploy/, as docs/deploying.md quotes them: they parse, name commands and
// folders that exist, and their rules cover every file a built site holds (types for each feed,
// long caching only for files named by their bytes, the 404 page); the S3 script runs on a fake aws.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { EXIT, type Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { FEED_FILES, NOT_FOUND_PAGE } from '../src/urls/paths.js';
import { copySampleProject, listFiles, type Project, REPO, SAMPLE_NOW } from './support/project.js';

const DEPLOY = path.join(REPO, 'docs/deploy');
const snippet = (file: string) => readFile(path.join(DEPLOY, file), 'utf8');
const FEED_TYPES = { [FEED_FILES.rss]: 'application/rss+xml', [FEED_FILES.atom]: 'application/atom+xml', [FEED_FILES.json]: 'application/feed+json' };
/** Extensions every web server knows the type of without being told. */
const KNOWN_TYPES = ['html', 'css', 'js', 'json', 'xml', 'txt', 'jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'svg'];
const YEAR = 'max-age=31536000, immutable';

describe('the deploy snippets', () => {
  let project: Project;
  let files: string[];
  before(async () => {
    project = await copySampleProject();
    const io: Io = { out: () => undefined, err: () => undefined, cwd: project.root };
    assert.equal(await main(['build', '--now', SAMPLE_NOW, '--changed-files', 'changed.txt'], io, {}), EXIT.ok);
    files = (await listFiles(project.out)).filter((file) => file !== '.gazette-output');
  });
  after(() => project.remove());

  it('are each quoted whole in docs/deploying.md', async () => {
    const readme = await readFile(path.join(REPO, 'docs/deploying.md'), 'utf8');
    for (const file of ['github-pages.yml', 'netlify.toml', 'cloudflare-pages.toml', 's3-deploy.sh', 'nginx.conf', 'nginx-subpath.conf', 'htaccess']) {
      assert.ok(readme.includes(`\n${await snippet(file)}\`\`\`\n`), `docs/deploying.md quotes docs/deploy/${file}`);
    }
  });

  it('give GitHub Pages a workflow that keeps .gazette/, builds with the base URL and deploys dist/', async () => {
    const workflow = parseYaml(await snippet('github-pages.yml')) as {
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] }>;
    };
    const steps = [...(workflow.jobs.build?.steps ?? []), ...(workflow.jobs.deploy?.steps ?? [])];
    assert.deepEqual(
      steps.map((step) => step.uses?.replace(/@.*/, '') ?? step.run),
      [
        'actions/checkout',
        'actions/setup-node',
        'npm ci',
        'actions/cache',
        'npm run build -- --strict',
        'actions/upload-pages-artifact',
        'actions/deploy-pages',
      ],
    );
    assert.equal(steps[3]?.with?.path, '.gazette');
    assert.match(steps[4]?.env?.GAZETTE_BASE_URL ?? '', /^https:\/\/.*\/$/);
    assert.equal(steps[5]?.with?.path, 'dist');
  });

  it('give Netlify and Cloudflare Pages the build command, the base URL and dist/', async () => {
    const netlify = parseToml(await snippet('netlify.toml')) as { build: { command: string; publish: string }; headers: { for: string }[] };
    assert.equal(netlify.build.publish, 'dist');
    assert.equal(netlify.build.command, 'GAZETTE_BASE_URL=$URL npm run build -- --strict');
    const fragments = new RegExp(`^${(netlify.headers[0]?.for ?? '').replace(/:[a-z]+/g, '[^/]+').replaceAll('*', '.*')}$`);
    const cached = files.filter((file) => fragments.test(`/${file}`));
    assert.ok(cached.length > 0 && cached.every((file) => file.endsWith('.pf_fragment')), cached.join('\n'));
    const cloudflare = parseToml(await snippet('cloudflare-pages.toml')) as { pages_build_output_dir: string };
    assert.equal(cloudflare.pages_build_output_dir, 'dist');
  });

  it('give nginx and Apache a type for every file Gazette writes, and the feed types by name', async () => {
    const [nginx, apache] = await Promise.all([snippet('nginx.conf'), snippet('htaccess')]);
    for (const [file, type] of Object.entries(FEED_TYPES)) {
      assert.match(
        nginx,
        new RegExp(`location ~ /${file.replace('.', '\\\\.')}\\$ \\{\\n\\s+types \\{ \\}\\n\\s+default_type "${type.replace('+', '\\+')}; charset=utf-8";`),
        file,
      );
      assert.match(apache, new RegExp(`<Files "${file}">\\n\\s+ForceType "${type.replace('+', '\\+')}; charset=utf-8"`), file);
    }
    const nginxTyped = [...nginx.matchAll(/location ~ \\\.\(?([a-z_|]+)\)?\$ \{\n\s+types \{ \}\n\s+default_type/g)].flatMap(
      (match) => match[1]?.split('|') ?? [],
    );
    const apacheTyped = [...apache.matchAll(/AddType \S+ ((?:\.[a-z_]+ ?)+)/g)].flatMap((match) =>
      (match[1] ?? '')
        .trim()
        .split(' ')
        .map((extension) => extension.slice(1)),
    );
    const extensions = new Set(files.map((file) => path.extname(file).slice(1)));
    assert.ok(extensions.has('pf_fragment') && extensions.has('xml'), [...extensions].join(' '));
    for (const extension of extensions) {
      assert.ok(KNOWN_TYPES.includes(extension) || nginxTyped.includes(extension), `nginx types .${extension}`);
      assert.ok(KNOWN_TYPES.includes(extension) || apacheTyped.includes(extension), `Apache types .${extension}`);
    }
  });

  it('cache for a year only the files named by their bytes, and serve the 404 page Gazette writes', async () => {
    assert.ok(files.includes(NOT_FOUND_PAGE));
    const [nginx, subpath, apache] = await Promise.all([snippet('nginx.conf'), snippet('nginx-subpath.conf'), snippet('htaccess')]);
    assert.match(nginx, new RegExp(`error_page 404 /${NOT_FOUND_PAGE};`));
    assert.match(subpath, new RegExp(`error_page 404 /news/${NOT_FOUND_PAGE};`));
    assert.match(apache, new RegExp(`ErrorDocument 404 /${NOT_FOUND_PAGE}\\n`));
    // nginx's year-long rules, read as the regular expressions they are.
    const nginxRules = [
      ...nginx.matchAll(/location ~ (\S+) \{\n(?:\s+types \{ \}\n\s+default_type \S+;\n)?\s+add_header Cache-Control "public, max-age=31536000, immutable";/g),
    ].map((match) => new RegExp(match[1] as string));
    const apacheRules = [
      ...[...apache.matchAll(/<If "%\{REQUEST_URI\} =~ m#(.+)#">\n\s+Header set Cache-Control "public, max-age=31536000, immutable"/g)].map(
        (match) => new RegExp(match[1] as string),
      ),
      ...[...apache.matchAll(/<FilesMatch "(.+)">\n\s+Header set Cache-Control "public, max-age=31536000, immutable"/g)].map(
        (match) => new RegExp(match[1] as string),
      ),
    ];
    const hashed = (file: string) => /^images\/[0-9a-f]{16}\//.test(file) || /\.pf_(fragment|index|meta|filter)$/.test(file);
    assert.ok(
      files.some((file) => file.startsWith('images/') && hashed(file)),
      'the sample has pictures named by their bytes',
    );
    for (const file of files) {
      assert.equal(
        nginxRules.some((rule) => rule.test(`/${file}`)),
        hashed(file),
        `nginx: /${file}`,
      );
      assert.equal(
        apacheRules.some((rule) => rule.test(`/${file}`)),
        hashed(file),
        `Apache: /${file}`,
      );
    }
    assert.ok(nginx.includes(YEAR) && apache.includes(YEAR));
  });

  it('put robots.txt at the root of the host for a site under a sub-path', async () => {
    assert.ok(files.includes('robots.txt'));
    assert.match(await snippet('nginx-subpath.conf'), /location = \/robots\.txt \{\n\s+alias \/var\/www\/news\/robots\.txt;/);
  });

  it('upload the files written, delete the files removed and purge them, with the types and caching of nginx', async () => {
    const bin = path.join(project.root, 'bin');
    await mkdir(bin);
    const calls = path.join(project.root, 'aws-calls.txt');
    await writeFile(path.join(bin, 'aws'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(calls)}\n`);
    await chmod(path.join(bin, 'aws'), 0o755);
    await writeFile(
      path.join(project.root, 'changed.txt'),
      '+ feed.xml\n+ tags/algeria/atom.xml\n+ images/c01f5875720b97c1/a-480.jpg\n+ 2020/10/01/x/index.html\n- old/index.html\n',
    );
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, BUCKET: 'news', DISTRIBUTION: 'E1' };
    await promisify(execFile)('bash', [path.join(DEPLOY, 's3-deploy.sh')], { cwd: project.root, env });
    assert.deepEqual((await readFile(calls, 'utf8')).split('\n'), [
      's3 cp dist/feed.xml s3://news/feed.xml --cache-control public, max-age=300 --content-type application/rss+xml; charset=utf-8',
      's3 cp dist/tags/algeria/atom.xml s3://news/tags/algeria/atom.xml --cache-control public, max-age=300 --content-type application/atom+xml; charset=utf-8',
      `s3 cp dist/images/c01f5875720b97c1/a-480.jpg s3://news/images/c01f5875720b97c1/a-480.jpg --cache-control public, ${YEAR}`,
      's3 cp dist/2020/10/01/x/index.html s3://news/2020/10/01/x/index.html --cache-control public, max-age=300',
      's3 rm s3://news/old/index.html',
      'cloudfront create-invalidation --distribution-id E1 --paths /feed.xml /tags/algeria/atom.xml /images/c01f5875720b97c1/a-480.jpg /2020/10/01/x/index.html /2020/10/01/x/ /old/index.html /old/',
      '',
    ]);
  });
});
