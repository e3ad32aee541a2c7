// What sharp makes of an image: its size as shown, copies never wider than the original, the same
// bytes every time, and no metadata carried over; SVG drawings drawn into pictures, reading nothing
// they name.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { encodeVariant, ImageUnreadable, imageKey, isResized, readImageInfo, variantsOf } from '../../src/images/variants.js';

const picture = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } });

describe('readImageInfo', () => {
  it('reads the format and size of JPEG, PNG, WebP, GIF and SVG', async () => {
    assert.deepEqual(await readImageInfo(await picture(300, 200).jpeg().toBuffer()), { format: 'jpeg', width: 300, height: 200 });
    assert.deepEqual(await readImageInfo(await picture(300, 200).png().toBuffer()), { format: 'png', width: 300, height: 200 });
    assert.deepEqual(await readImageInfo(await picture(30, 20).webp().toBuffer()), { format: 'webp', width: 30, height: 20 });
    assert.deepEqual(await readImageInfo(await picture(30, 20).gif().toBuffer()), { format: 'gif', width: 30, height: 20 });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><rect width="120" height="80"/></svg>');
    assert.deepEqual(await readImageInfo(svg), { format: 'svg', width: 120, height: 80 });
  });

  it('gives the size as shown when the camera turned the picture', async () => {
    const turned = await picture(40, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    assert.deepEqual(await readImageInfo(turned), { format: 'jpeg', width: 20, height: 40 });
  });

  it('refuses what is not an image, or not one browsers show', async () => {
    await assert.rejects(
      readImageInfo(Buffer.from('not an image')),
      (error: unknown) =>
        error instanceof ImageUnreadable && error.reason === 'it is not an image sharp can read (Input buffer contains unsupported image format)',
    );
    await assert.rejects(
      readImageInfo(await picture(10, 10).tiff().toBuffer()),
      (error: unknown) => error instanceof ImageUnreadable && error.reason === 'it is a TIFF image, which browsers do not show',
    );
  });

  it('refuses a drawing more than ten times as tall as it is wide, whose copies would be too large', async () => {
    const drawing = (width: number, height: number) =>
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}"/></svg>`);
    assert.deepEqual(await readImageInfo(drawing(60, 600)), { format: 'svg', width: 60, height: 600 });
    await assert.rejects(
      readImageInfo(drawing(60, 601)),
      (error: unknown) => error instanceof ImageUnreadable && error.reason === 'it is an SVG drawing more than 10 times as tall as it is wide (60 by 601)',
    );
  });
});

describe('variantsOf', () => {
  it('makes copies 480, 960, 1200 and 1600 wide, keeping the proportions', () => {
    assert.deepEqual(variantsOf({ format: 'jpeg', width: 4000, height: 3000 }), [
      { width: 480, height: 360 },
      { width: 960, height: 720 },
      { width: 1200, height: 900 },
      { width: 1600, height: 1200 },
    ]);
  });

  it('never makes a copy wider than the original', () => {
    assert.deepEqual(variantsOf({ format: 'png', width: 1000, height: 501 }), [
      { width: 480, height: 240 },
      { width: 960, height: 481 },
      { width: 1000, height: 501 },
    ]);
    assert.deepEqual(variantsOf({ format: 'png', width: 300, height: 200 }), [{ width: 300, height: 200 }]);
  });

  it('draws an SVG at every width, whatever its size', () => {
    assert.deepEqual(variantsOf({ format: 'svg', width: 300, height: 200 }), [
      { width: 480, height: 320 },
      { width: 960, height: 640 },
      { width: 1200, height: 800 },
      { width: 1600, height: 1067 },
    ]);
  });

  it('resizes JPEG, PNG and WebP, and draws SVG; GIF and AVIF are published as they are', () => {
    assert.equal(isResized({ format: 'webp', width: 10, height: 10 }), true);
    assert.equal(isResized({ format: 'svg', width: 10, height: 10 }), true);
    assert.equal(isResized({ format: 'gif', width: 10, height: 10 }), false);
    assert.equal(isResized({ format: 'avif', width: 10, height: 10 }), false);
  });
});

describe('encodeVariant', () => {
  it('gives the exact size, the same bytes every time, upright and without metadata', async () => {
    const source = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const info = await readImageInfo(source);
    const [small] = variantsOf(info as typeof info & { width: number; height: number });
    assert.deepEqual(small, { width: 480, height: 640 });
    const resized = { format: 'jpeg', width: 900, height: 1200 } as const;
    const first = await encodeVariant(source, resized, small as { width: number; height: number });
    const again = await encodeVariant(source, resized, small as { width: number; height: number });
    assert.ok(first.equals(again), 'the same bytes twice');
    const written = await sharp(first).metadata();
    assert.deepEqual(
      [written.format, written.width, written.height, written.orientation, written.exif, written.icc],
      ['jpeg', 480, 640, undefined, undefined, undefined],
    );
  });

  it('names damage found while decoding', async () => {
    const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
      .jpeg()
      .toBuffer();
    const cut = whole.subarray(0, 4000);
    await assert.rejects(
      encodeVariant(cut, { format: 'jpeg', width: 800, height: 600 }, { width: 480, height: 360 }),
      (error: unknown) => error instanceof ImageUnreadable && error.reason === 'the image is damaged (VipsJpeg: premature end of JPEG image)',
    );
  });
});

describe('encodeVariant of an SVG drawing', () => {
  const SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xi="http://www.w3.org/2001/XInclude"';
  /** A drawing of 100 by 50 pixels holding `inside`, drawn 480 pixels wide. */
  const draw = (inside: string) =>
    encodeVariant(Buffer.from(`<svg ${SVG} width="100" height="50">${inside}</svg>`), { format: 'svg', width: 100, height: 50 }, { width: 480, height: 240 });
  /** How much of the picture is painted (its mean opacity, 0 to 255). */
  const painted = async (png: Buffer) => (await sharp(png).stats()).channels[3]?.mean ?? 0;

  it('draws a sharp PNG at the exact size, the same bytes every time', async () => {
    const line = '<line x1="0" y1="25" x2="100" y2="25" stroke="black" stroke-width="1"/>';
    const png = await draw(line);
    assert.ok(png.equals(await draw(line)));
    const { format, width, height } = await sharp(png).metadata();
    assert.deepEqual([format, width, height], ['png', 480, 240]);
    // Drawn at its width, not drawn small and enlarged: the line is 4.8 pixels thick and solid.
    const { data } = await sharp(png).extractChannel(3).raw().toBuffer({ resolveWithObject: true });
    const column = Array.from({ length: 240 }, (_, row) => data[row * 480 + 240] ?? 0);
    assert.ok(column.filter((alpha) => alpha === 255).length >= 4, `opaque rows: ${column.filter((alpha) => alpha === 255).length}`);
  });

  it('reads no file and fetches no address the drawing names, whatever the way', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'gazette-drawing-'));
    const red = await picture(10, 10).png().toBuffer();
    // Were anything fetched, it would paint the picture.
    const served: Record<string, [string, string | Buffer]> = {
      '/image.png': ['image/png', red],
      '/shapes.svg': [
        'image/svg+xml',
        `<svg ${SVG}><pattern id="p" width="1" height="1"><rect width="100" height="50"/></pattern><rect id="s" width="100" height="50"/></svg>`,
      ],
      '/style.css': ['text/css', 'rect { fill: red }'],
      '/secret.txt': ['text/plain', 'SECRET'],
    };
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const [type, body] = served[request.url ?? ''] ?? ['text/plain', ''];
      response.writeHead(200, { 'content-type': type }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await writeFile(path.join(folder, 'red.png'), red);
      await writeFile(path.join(folder, 'secret.txt'), 'SECRET');
      const http = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const full = 'x="0" y="0" width="100" height="50"';
      const references = [
        `<image ${full} href="${path.join(folder, 'red.png')}"/>`,
        `<image ${full} href="file://${path.join(folder, 'red.png')}"/>`,
        `<image ${full} xlink:href="red.png"/>`,
        `<image ${full} href="${http}/image.png"/>`,
        `<rect ${full} fill="url(${http}/shapes.svg#p)"/>`,
        `<use href="${http}/shapes.svg#s"/>`,
        `<style>@import url("${http}/style.css");</style><rect ${full} fill="none"/>`,
        `<text x="0" y="40" font-size="40"><xi:include href="file://${path.join(folder, 'secret.txt')}" parse="text"/></text>`,
        `<text x="0" y="40" font-size="40"><xi:include href="${http}/secret.txt" parse="text"/></text>`,
      ];
      for (const reference of references) {
        assert.equal(await painted(await draw(reference)), 0, reference);
      }
      assert.deepEqual(requests, []);
      // The same drawings with what they name written inside them are drawn: the checks above can fail.
      assert.ok((await painted(await draw(`<image ${full} href="data:image/png;base64,${red.toString('base64')}"/>`))) > 100);
      assert.ok((await painted(await draw('<text x="0" y="40" font-size="40">SECRET</text>'))) > 0);
    } finally {
      server.close();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('runs no script and shows no HTML: only what is drawn is in the picture', async () => {
    const hostile = [
      '<script>document.title = "pwned"</script>',
      '<foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml" style="background:red;width:100px;height:50px"><script>alert(1)</script></div></foreignObject>',
      '<a xlink:href="javascript:alert(1)"><text x="0" y="40">x</text></a>',
    ].join('');
    const png = await draw(`<rect width="100" height="50" fill="blue" onload="alert(1)"/>${hostile}`);
    const blue = await draw('<rect width="100" height="50" fill="blue"/><a><text x="0" y="40">x</text></a>');
    assert.ok(png.equals(blue));
  });
});

describe('imageKey', () => {
  it('names the bytes: the same image gives the same key, another image another', async () => {
    const one = await picture(20, 20).png().toBuffer();
    const other = await picture(20, 21).png().toBuffer();
    assert.equal(imageKey(one), imageKey(Buffer.from(one)));
    assert.notEqual(imageKey(one), imageKey(other));
    assert.match(imageKey(one), /^[0-9a-f]{64}$/);
  });
});
