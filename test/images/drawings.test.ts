// SVG drawings drawn in a child process: the same copies as drawn in the build's own process, and
// a drawing that takes too long stopped, named, and its process gone.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawCopies } from '../../src/images/drawings.js';
import { encodeVariant, ImageUnreadable, readImageInfo, variantsOf } from '../../src/images/variants.js';

const SVG = 'xmlns="http://www.w3.org/2000/svg"';

async function jobOf(svg: string) {
  const bytes = Buffer.from(svg);
  const info = await readImageInfo(bytes);
  assert.ok(info.format === 'svg' && info.width !== undefined && info.height !== undefined);
  return { bytes, info: { ...info, format: 'svg' as const, width: info.width, height: info.height }, variants: variantsOf({ ...info, width: info.width, height: info.height }) };
}

describe('drawCopies', () => {
  it('draws every copy, as the build would draw them itself', async () => {
    const job = await jobOf(`<svg ${SVG} viewBox="0 0 300 200"><circle cx="150" cy="100" r="80" fill="#c33"/></svg>`);
    const copies = await drawCopies(job);
    assert.equal(copies.length, 3);
    for (const [index, variant] of job.variants.entries()) {
      assert.ok(copies[index]?.equals(await encodeVariant(job.bytes, job.info, variant)), `${variant.width} pixels wide`);
    }
  });

  it('stops a drawing that takes longer than its budget, and says why', async () => {
    // librsvg works this filter out again for every strip of the picture: minutes for these few bytes.
    const job = await jobOf(`<svg ${SVG} width="160" height="1600"><filter id="f"><feMorphology radius="300"/></filter><rect width="160" height="1600" filter="url(#f)"/></svg>`);
    const started = Date.now();
    await assert.rejects(drawCopies(job, 2_000), (error: unknown) =>
      error instanceof ImageUnreadable && error.reason === 'it is an SVG drawing that takes more than 2 s to draw (filters or shapes too many or too large)');
    // Drawn to the end it would take minutes; stopped, it takes the budget and the time to stop the process.
    assert.ok(Date.now() - started < 15_000, `stopped after ${Date.now() - started} ms`);
  });

  it('names damage found while drawing', async () => {
    const job = await jobOf(`<svg ${SVG} width="100" height="50"><rect width="100" height="50"/></svg>`);
    await assert.rejects(drawCopies({ ...job, bytes: Buffer.from(`<svg ${SVG} width="100" height="50"><rect`) }), (error: unknown) =>
      error instanceof ImageUnreadable && error.reason.startsWith('the image is damaged ('));
  });
});
