// What sharp makes of an image: its size as shown, copies never wider than the original, the same
// bytes every time, and no metadata carried over.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { encodeVariant, imageKey, ImageUnreadable, isResized, readImageInfo, variantsOf } from '../../src/images/variants.js';

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
    await assert.rejects(readImageInfo(Buffer.from('not an image')), (error: unknown) =>
      error instanceof ImageUnreadable && error.reason === 'it is not an image sharp can read (Input buffer contains unsupported image format)');
    await assert.rejects(readImageInfo(await picture(10, 10).tiff().toBuffer()), (error: unknown) =>
      error instanceof ImageUnreadable && error.reason === 'it is a TIFF image, which browsers do not show');
  });
});

describe('variantsOf', () => {
  it('makes copies 480, 960 and 1600 wide, keeping the proportions', () => {
    assert.deepEqual(variantsOf({ format: 'jpeg', width: 4000, height: 3000 }), [
      { width: 480, height: 360 }, { width: 960, height: 720 }, { width: 1600, height: 1200 },
    ]);
  });

  it('never makes a copy wider than the original', () => {
    assert.deepEqual(variantsOf({ format: 'png', width: 1000, height: 501 }), [{ width: 480, height: 240 }, { width: 960, height: 481 }, { width: 1000, height: 501 }]);
    assert.deepEqual(variantsOf({ format: 'png', width: 300, height: 200 }), [{ width: 300, height: 200 }]);
  });

  it('resizes JPEG, PNG and WebP only', () => {
    assert.equal(isResized({ format: 'webp', width: 10, height: 10 }), true);
    assert.equal(isResized({ format: 'gif', width: 10, height: 10 }), false);
    assert.equal(isResized({ format: 'svg', width: undefined, height: undefined }), false);
  });
});

describe('encodeVariant', () => {
  it('gives the exact size, the same bytes every time, upright and without metadata', async () => {
    const source = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 30 } } })
      .jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const info = await readImageInfo(source);
    const [small] = variantsOf(info as typeof info & { width: number; height: number });
    assert.deepEqual(small, { width: 480, height: 640 });
    const first = await encodeVariant(source, 'jpeg', small as { width: number; height: number });
    const again = await encodeVariant(source, 'jpeg', small as { width: number; height: number });
    assert.ok(first.equals(again), 'the same bytes twice');
    const written = await sharp(first).metadata();
    assert.deepEqual([written.format, written.width, written.height, written.orientation, written.exif, written.icc], ['jpeg', 480, 640, undefined, undefined, undefined]);
  });

  it('names damage found while decoding', async () => {
    const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 120, sigma: 30 } } }).jpeg().toBuffer();
    const cut = whole.subarray(0, 4000);
    await assert.rejects(encodeVariant(cut, 'jpeg', { width: 480, height: 360 }), (error: unknown) =>
      error instanceof ImageUnreadable && error.reason === 'the image is damaged (VipsJpeg: premature end of JPEG image)');
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
