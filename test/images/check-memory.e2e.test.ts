// `gazette check` on pictures that are small on disk and huge once decoded, on the real CLI (the
// compiled lib/: run `npm run compile` first): it reads their headers, so its peak memory does not
// grow with their pixels and stays within the build's.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { REPO } from '../support/project.js';

const NOW = '2021-06-01T12:00:00Z';
/** Each picture: about 0.9 MB as a PNG, 192 MB of pixels once decoded. */
const SIDE = 8000;
const DECODED_BYTES = SIDE * SIDE * 3;
const PICTURES = 4;

/** Node preloads this into the CLI: it prints the process's peak resident memory as it exits. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the child process's own template literal
const PEAK_REPORTER = "process.on('exit', () => process.stderr.write(`peak-rss ${process.resourceUsage().maxRSS * 1024}\\n`));\n";

/** A project of four stories, each with a picture of `side` pixels square in its own colour. */
async function pictureProject(side: number): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'gazette-check-memory-'));
  await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
  await writeFile(path.join(root, 'gazette.config.yaml'), 'title: The Test Wire\nbaseUrl: https://example.org/\ntimeZone: UTC\nlanguage: en\nsearch: false\n');
  const folder = path.join(root, 'content/2021/05');
  await mkdir(folder, { recursive: true });
  for (let index = 0; index < PICTURES; index++) {
    await sharp({ create: { width: side, height: side, channels: 3, background: { r: 200, g: 100 + index, b: 50 } } })
      .png()
      .toFile(path.join(folder, `map-${index}.png`));
    await writeFile(
      path.join(folder, `story-${index}.md`),
      `---\ntitle: Story ${index}\ndate: 2021-05-0${index + 1}\nimage: { src: map-${index}.png, alt: A map }\n---\nText.\n`,
    );
  }
  return root;
}

/** Run the gazette command in `root` and give its peak resident memory, in bytes. */
async function peakMemory(root: string, reporter: string, ...argv: string[]): Promise<number> {
  const { stderr } = await promisify(execFile)(process.execPath, ['--require', reporter, path.join(REPO, 'bin/gazette.js'), ...argv, '--now', NOW], {
    cwd: root,
  });
  const peak = /peak-rss (\d+)/.exec(stderr)?.[1];
  assert.ok(peak, stderr);
  return Number(peak);
}

describe('gazette check and large pictures', () => {
  let large: string;
  let small: string;
  let reporter: string;

  before(async () => {
    [large, small] = await Promise.all([pictureProject(SIDE), pictureProject(16)]);
    reporter = path.join(large, 'peak-reporter.cjs');
    await writeFile(reporter, PEAK_REPORTER);
  });
  after(async () => {
    await Promise.all([large, small].map((root) => root && rm(root, { recursive: true, force: true })));
  });

  it("reads pictures' headers: its memory does not grow with their pixels, and stays within the build's", async () => {
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    const baseline = await peakMemory(small, reporter, 'check');
    const checked = await peakMemory(large, reporter, 'check');
    const built = await peakMemory(large, reporter, 'build', '--no-cache');
    // Decoding even one picture would take its whole size in pixels: half of it is a wide margin
    // for the difference between two runs of the same program.
    assert.ok(checked - baseline < DECODED_BYTES / 2, `check took ${mb(checked)}, ${mb(baseline)} with tiny pictures: it decoded pixels`);
    assert.ok(checked <= built, `check took ${mb(checked)}, the build ${mb(built)}`);
  });
});
