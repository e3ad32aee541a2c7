// Story images end to end: builds of a copy of the sample project, the pages parsed with cheerio and
// the written images measured with sharp; the feeds; the problems an author sees; the cache.

import assert from 'node:assert/strict';
import { mkdir, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { loadConfig } from '../../src/config.js';
import { BuildFailed } from '../../src/errors.js';
import { CACHE_DIR } from '../../src/incremental/cache-folder.js';
import { build } from '../../src/incremental/publish.js';
import { BODY_IMAGE_SIZES } from '../../src/render/body-images.js';
import { copySampleProject, type Project, SAMPLE_NOW, snapshot } from '../support/project.js';

const WIRE = '2020/10/01/us-defense-chiefs-rare-algeria-visit-points-to-sahel-region-threats/';
const FACTORIES = '2020/10/01/euro-zone-factories-grow-for-third-month-but-jobs-keep-disappearing/';

/** Every candidate of an <img>: its srcset (or its src alone), checked against the file written. */
async function checkImage(project: Project, image: ReturnType<cheerio.CheerioAPI>): Promise<{ src: string; width: number; height: number; srcset: string[] }> {
  const src = image.attr('src') ?? '';
  const width = Number(image.attr('width'));
  const height = Number(image.attr('height'));
  const written = await sharp(path.join(project.out, src)).metadata();
  assert.deepEqual([written.width, written.height], [width, height], `${src}: width and height are the file's`);
  const srcset = (image.attr('srcset') ?? '').split(', ').filter(Boolean);
  for (const candidate of srcset) {
    const [file, descriptor] = candidate.split(' ');
    const copy = await sharp(path.join(project.out, file ?? '')).metadata();
    assert.equal(`${copy.width}w`, descriptor, `${file} is as wide as srcset says`);
    assert.ok(Math.abs((copy.height ?? 0) / (copy.width ?? 1) - height / width) < 0.01, `${file} keeps the proportions`);
    assert.equal(copy.exif, undefined, `${file} carries no EXIF`);
  }
  return { src, width, height, srcset };
}

describe('story images in a built site', () => {
  let project: Project;

  before(async () => {
    project = await copySampleProject();
    await project.build();
  });
  after(() => project.remove());

  it("publishes the wire story's photo with its copies, width, height and sizes", async () => {
    const $ = cheerio.load(await project.read(`${WIRE}index.html`));
    const figure = $('.story__figure img');
    const image = await checkImage(project, figure);
    assert.match(image.src, /^\/images\/[0-9a-f]{16}\/algiers-central-post-office-1600\.jpg$/);
    assert.deepEqual([image.width, image.height], [1600, 1067]);
    assert.deepEqual(
      image.srcset.map((candidate) => candidate.split(' ')[1]),
      ['480w', '960w', '1200w', '1600w'],
    );
    assert.equal(figure.attr('sizes'), '(min-width: 50rem) 46rem, 100vw');
    assert.equal($('meta[property="og:image"]').attr('content'), `https://example.org${image.src}`);
    assert.equal($('meta[property="og:image:width"]').attr('content'), '1600');
    assert.equal($('meta[property="og:image:height"]').attr('content'), '1067');
    const jsonLd = JSON.parse($('script[type="application/ld+json"]').text()) as { image: string[] };
    assert.deepEqual(jsonLd.image, [`https://example.org${image.src}`]);
  });

  it("publishes the chart in the factory story's body, never wider than it is", async () => {
    const $ = cheerio.load(await project.read(`${FACTORIES}index.html`));
    const chart = $('.story__body img');
    const image = await checkImage(project, chart);
    assert.match(image.src, /^\/images\/[0-9a-f]{16}\/euro-zone-pmi-september-960\.png$/);
    assert.deepEqual(
      image.srcset.map((candidate) => candidate.split(' ')[1]),
      ['480w', '960w'],
    );
    assert.equal(chart.attr('sizes'), BODY_IMAGE_SIZES);
    assert.match(chart.attr('alt') ?? '', /^Bar chart of the manufacturing/);
    assert.equal(chart.attr('data-gazette-image'), undefined);
  });

  it('gives feeds the published images, with absolute URLs', async () => {
    const $ = cheerio.load(await project.read(`${WIRE}index.html`));
    const photo = `https://example.org${$('.story__figure img').attr('src')}`;
    const feed = JSON.parse(await project.read('feed.json')) as { items: { url: string; image?: string; content_html: string }[] };
    assert.equal(feed.items.find((item) => item.url === `https://example.org/${WIRE}`)?.image, photo);
    const factories = cheerio.load(feed.items.find((item) => item.url === `https://example.org/${FACTORIES}`)?.content_html ?? '')('img');
    assert.match(factories.attr('src') ?? '', /^https:\/\/example\.org\/images\/[0-9a-f]{16}\/euro-zone-pmi-september-960\.png$/);
    assert.ok((factories.attr('srcset') ?? '').split(', ').every((candidate) => candidate.startsWith('https://example.org/images/')));
  });

  it('gives an image of static/ its width and height, at its own address', async () => {
    const $ = cheerio.load(await project.read(`${await storyWithStaticImage(project)}index.html`));
    const image = $('.story__figure img');
    assert.equal(image.attr('src'), '/images/algiers-central-post-office.svg');
    assert.deepEqual([image.attr('width'), image.attr('height'), image.attr('srcset')], ['1200', '800', undefined]);
  });
});

/** The page of the sample story whose image is in static/. */
async function storyWithStaticImage(project: Project): Promise<string> {
  const folders = await readdir(path.join(project.out, '2020/10/01'));
  for (const folder of folders) {
    const html = await project.read(`2020/10/01/${folder}/index.html`).catch(() => '');
    if (cheerio.load(html)('.story__figure img').attr('src') === '/images/algiers-central-post-office.svg') return `2020/10/01/${folder}/`;
  }
  throw new Error('no sample story shows the static image');
}

describe('images of every kind beside a story', () => {
  let project: Project;
  const warnings: string[] = [];

  before(async () => {
    project = await copySampleProject();
    const folder = path.join(project.root, 'content/2020/10/04');
    await mkdir(folder, { recursive: true });
    await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c33' } })
      .png()
      .toFile(path.join(folder, 'Small Map.PNG'));
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a6' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(path.join(folder, 'turned.jpg'));
    await writeFile(path.join(folder, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><rect width="90" height="30"/></svg>');
    await project.addStory(
      '2020/10/04/pictures.md',
      [
        '---',
        'title: Pictures',
        'date: 2020-10-04T09:00:00+01:00',
        'image:',
        '  src: "./Small%20Map.PNG"',
        '  alt: A small map',
        '---',
        '',
        'A turned photo: ![A field](turned.jpg)',
        '',
        'A logo: ![](logo.svg) and a remote picture: ![Remote](https://cdn.example.com/a.jpg)',
        '',
      ].join('\n'),
    );
    const report = await project.build();
    warnings.push(...report.warnings.map((warning) => warning.format()));
  });
  after(() => project.remove());

  const page = async () => cheerio.load(await project.read('2020/10/04/pictures/index.html'));

  it('never makes a copy wider than the picture', async () => {
    const $ = await page();
    const image = await checkImage(project, $('.story__figure img'));
    assert.match(image.src, /^\/images\/[0-9a-f]{16}\/small-map-300\.png$/);
    assert.deepEqual([image.width, image.height, image.srcset], [300, 200, []]);
  });

  it('turns a photo upright, and says so in its width and height', async () => {
    const $ = await page();
    const image = await checkImage(project, $('.story__body img').eq(0));
    assert.deepEqual([image.width, image.height], [800, 1200]);
    assert.deepEqual(
      image.srcset.map((candidate) => candidate.split(' ')[1]),
      ['480w', '800w'],
    );
  });

  it('draws an SVG into PNG copies at every width, and leaves a remote picture alone', async () => {
    const $ = await page();
    const logo = await checkImage(project, $('.story__body img').eq(1));
    assert.match(logo.src, /^\/images\/[0-9a-f]{16}\/logo-1600\.png$/);
    assert.deepEqual([logo.width, logo.height], [1600, 533]);
    assert.deepEqual(
      logo.srcset.map((candidate) => candidate.split(' ')[0]?.replace(/^.*\//, '')),
      ['logo-480.png', 'logo-960.png', 'logo-1200.png', 'logo-1600.png'],
    );
    for (const copy of logo.srcset) assert.equal((await sharp(path.join(project.out, copy.split(' ')[0] ?? '')).metadata()).format, 'png');
    assert.deepEqual(
      (await project.files()).filter((file) => file.endsWith('.svg')),
      ['images/algiers-central-post-office.svg', 'images/authors/ines-trabelsi.svg'],
      'only the SVGs of static/',
    );
    assert.deepEqual({ ...$('.story__body img').eq(2).attr() }, { src: 'https://cdn.example.com/a.jpg', alt: 'Remote' });
  });

  it('warns about a body image without alt text, naming its line', () => {
    assert.deepEqual(
      warnings.filter((warning) => warning.startsWith('content/2020/10/04/')),
      [
        'content/2020/10/04/pictures.md:11:9  image "logo.svg" has no alt text  (describe the picture between the brackets, for readers who cannot see it: ![A chart of oil output](chart.png))  [field-invalid]',
      ],
    );
  });
});

describe('problems with story images', () => {
  let project: Project;

  before(async () => {
    project = await copySampleProject();
    const folder = path.join(project.root, 'content/2020/10/04');
    await mkdir(folder, { recursive: true });
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg()
      .toBuffer();
    await writeFile(path.join(folder, 'cut.jpg'), photo.subarray(0, 3000));
    await writeFile(path.join(folder, 'notes.png'), 'not a picture');
    await writeFile(path.join(folder, 'chart.gif'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    await writeFile(path.join(folder, 'page.gif'), 'GIF89a<html><script>alert(1)</script></html>');
    await writeFile(path.join(project.root, 'outside.jpg'), photo);
    await symlink(path.join(project.root, 'outside.jpg'), path.join(folder, 'link.jpg'));
    const story = (name: string, image: string, body: string) =>
      project.addStory(
        `2020/10/04/${name}.md`,
        [
          '---',
          `title: ${name}`,
          'date: 2020-10-04T09:00:00+01:00',
          ...(image ? ['image:', `  src: "${image}"`, '  alt: A picture'] : []),
          '---',
          '',
          body,
          '',
        ].join('\n'),
      );
    await story('missing', 'photo.jpg', 'Text.\n\nMore text with ![A chart](charts/oil.png).');
    await story('broken', 'cut.jpg', 'Text ![Notes](notes.png)');
    await story('disguised', 'chart.gif', 'Text ![A page](page.gif)');
    await story('escaping', '../../../../../etc/passwd', 'Text ![Escape](%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside.jpg) ![Link](link.jpg)');
  });
  after(() => project.remove());

  it('names the story, the line, the field and the path of every problem, and writes nothing', async () => {
    const failed = await project.build().then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(failed instanceof BuildFailed, 'the build fails');
    const inside = "keep the story's images in the content folder, and give their path from the story's folder";
    const missing = "put the image in the story's folder, or correct its path (it is read from the story's folder)";
    const damaged = 'save it again as JPEG, PNG, WebP, AVIF, GIF or SVG';
    assert.deepEqual(
      failed.problems.map((problem) => problem.format()),
      [
        `content/2020/10/04/broken.md:5:3  image.src  image "cut.jpg" (content/2020/10/04/cut.jpg) cannot be published: the image is damaged (VipsJpeg: premature end of JPEG image)  (${damaged})  [image-invalid]`,
        `content/2020/10/04/broken.md:9:6  image "notes.png" (content/2020/10/04/notes.png) cannot be published: it is not an image sharp can read (Input buffer contains unsupported image format)  (${damaged})  [image-invalid]`,
        `content/2020/10/04/disguised.md:5:3  image.src  image "chart.gif" (content/2020/10/04/chart.gif) cannot be published: it is an SVG drawing, not the GIF picture its name says  (name it chart.svg)  [image-invalid]`,
        `content/2020/10/04/disguised.md:9:6  image "page.gif" (content/2020/10/04/page.gif) cannot be published: it is not an image sharp can read (Input buffer has corrupt header: gifload_buffer: Invalid frame data)  (${damaged})  [image-invalid]`,
        `content/2020/10/04/escaping.md:5:3  image.src  image "../../../../../etc/passwd" is outside the content folder  (${inside})  [url-unsafe]`,
        `content/2020/10/04/escaping.md:9:6  image "%2e%2e/%2e%2e/%2e%2e/%2e%2e/outside.jpg" is outside the content folder  (${inside})  [url-unsafe]`,
        `content/2020/10/04/escaping.md:9:57  image "link.jpg" is a link to a file outside the content folder  (${inside})  [url-unsafe]`,
        `content/2020/10/04/missing.md:5:3  image.src  image "photo.jpg" not found (no file content/2020/10/04/photo.jpg)  (${missing})  [image-missing]`,
        `content/2020/10/04/missing.md:11:16  image "charts/oil.png" not found (no file content/2020/10/04/charts/oil.png)  (${missing})  [image-missing]`,
      ],
    );
    assert.equal(
      await stat(project.out).then(
        () => true,
        () => false,
      ),
      false,
      'no site was written',
    );
  });
});

describe('the image cache', () => {
  let project: Project;
  const configFor = (out: string) => loadConfig(project.root, { now: SAMPLE_NOW, out });

  before(async () => {
    project = await copySampleProject();
  });
  after(() => project.remove());

  /** Every file of the image cache with its inode and modification time: what encoding would change. */
  async function cachedCopies(): Promise<Map<string, string>> {
    const folder = path.join(project.root, CACHE_DIR);
    const entries = (await readdir(folder, { recursive: true })).filter((entry) => /\/images\/.+\/.+\.(jpg|png)$/.test(entry.split(path.sep).join('/'))).sort();
    return new Map(
      await Promise.all(
        entries.map(async (entry) => {
          const { ino, mtimeMs } = await stat(path.join(folder, entry));
          return [entry, `${ino}:${mtimeMs}`] as const;
        }),
      ),
    );
  }

  it('makes each copy once: a later build, even of an emptied output folder, gives the same bytes', async () => {
    await build(configFor('dist'));
    const first = await snapshot(project.out);
    const copies = await cachedCopies();
    assert.equal(copies.size, 6, 'four copies of the photo and two of the chart');
    await rm(project.out, { recursive: true });
    await build(configFor('dist'));
    assert.deepEqual(await cachedCopies(), copies, 'no image was encoded again');
    await build(configFor('cold'), { write: true, cache: false });
    const cold = await snapshot(path.join(project.root, 'cold'));
    for (const output of [await snapshot(project.out), first]) {
      assert.deepEqual([...output.keys()], [...cold.keys()]);
      for (const [file, bytes] of cold) assert.ok(output.get(file)?.equals(bytes), `${file} is the same`);
    }
  });

  it('publishes a changed image at a new address though its story did not change, and forgets the old one', async () => {
    const before =
      cheerio
        .load(await project.read(`${FACTORIES}index.html`))('.story__body img')
        .attr('src') ?? '';
    await sharp({ create: { width: 640, height: 360, channels: 3, background: '#246' } })
      .png()
      .toFile(path.join(project.root, 'content/2020/10/01/euro-zone-pmi-september.png'));
    await build(configFor('dist'));
    const chart = cheerio.load(await project.read(`${FACTORIES}index.html`))('.story__body img');
    assert.notEqual(chart.attr('src'), before);
    assert.deepEqual(await checkImage(project, chart).then((image) => [image.width, image.height]), [640, 360]);
    const files = await project.files();
    assert.equal(files.includes(before.slice(1)), false, 'the old chart is gone');
    assert.equal((await cachedCopies()).size, 6, 'four copies of the photo and two of the new chart');
  });
});
