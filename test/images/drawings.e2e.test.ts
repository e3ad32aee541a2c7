// SVG drawings drawn in a child process: the same copies as drawn in the build's own process, and
// a drawing that takes too long stopped, named, and its process gone.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { drawCopies } from '../../src/images/drawings.js';
import { encodeVariant, ImageUnreadable, readImageInfo, variantsOf } from '../../src/images/variants.js';

const SVG = 'xmlns="http://www.w3.org/2000/svg"';
/** librsvg works this filter out again for every strip of the picture: minutes for these few bytes. */
const SLOW = `<svg ${SVG} width="160" height="1600"><filter id="f"><feMorphology radius="300"/></filter><rect width="160" height="1600" filter="url(#f)"/></svg>`;

/** The drawing processes whose parent is `parent`, from /proc. */
async function drawingProcessesOf(parent: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (command.includes('drawing-process') && Number((await statOf(Number(entry)))[1]) === parent) found.push(Number(entry));
  }
  return found;
}

/** The fields of a process's /proc stat after its command's name: state, parent, …; none once it is gone. */
async function statOf(pid: number): Promise<string[]> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
const isAlive = async (pid: number) => !['Z', ''].includes((await statOf(pid))[0] ?? '');
/** Seconds of CPU time the process has used (user and system; Linux counts in hundredths). */
const cpuSeconds = async (pid: number) => ((Number((await statOf(pid))[11]) || 0) + (Number((await statOf(pid))[12]) || 0)) / 100;

async function jobOf(svg: string) {
  const bytes = Buffer.from(svg);
  const info = await readImageInfo(bytes);
  assert.ok(info.format === 'svg' && info.width !== undefined && info.height !== undefined);
  return {
    bytes,
    info: { ...info, format: 'svg' as const, width: info.width, height: info.height },
    variants: variantsOf({ ...info, width: info.width, height: info.height }),
  };
}

describe('drawCopies', () => {
  it('draws every copy, as the build would draw them itself', async () => {
    const job = await jobOf(`<svg ${SVG} viewBox="0 0 300 200"><circle cx="150" cy="100" r="80" fill="#c33"/></svg>`);
    const copies = await drawCopies(job);
    assert.equal(copies.length, 4);
    for (const [index, variant] of job.variants.entries()) {
      assert.ok(copies[index]?.equals(await encodeVariant(job.bytes, job.info, variant)), `${variant.width} pixels wide`);
    }
  });

  it('stops a drawing that takes longer than its budget, and says why', async () => {
    const job = await jobOf(SLOW);
    const started = Date.now();
    await assert.rejects(
      drawCopies(job, 2_000),
      (error: unknown) =>
        error instanceof ImageUnreadable &&
        error.reason === 'it is an SVG drawing that takes more than 2 s to draw' &&
        error.hint === 'simplify it (fewer or smaller filters and shapes), or export it as PNG',
    );
    // Drawn to the end it would take minutes; stopped, it takes the budget and the time to stop the process.
    assert.ok(Date.now() - started < 15_000, `stopped after ${Date.now() - started} ms`);
  });

  it("leaves no drawing behind when the build's process is killed", async () => {
    const script = [
      `const { drawCopies } = await import(${JSON.stringify(import.meta.resolve('../../src/images/drawings.ts'))});`,
      `const bytes = Buffer.from(${JSON.stringify(SLOW)});`,
      // A budget longer than the test: only the death of this process may stop the drawing.
      "drawCopies({ bytes, info: { format: 'svg', width: 160, height: 1600 }, variants: [{ width: 1600, height: 16000 }] }, 600_000).catch(() => {});",
    ].join('\n');
    const build = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { stdio: 'ignore' });
    const exited = new Promise((resolve) => build.on('exit', resolve));
    let drawing: number[] = [];
    for (let tries = 0; drawing.length === 0 && tries < 300; tries++) {
      await sleep(100);
      drawing = await drawingProcessesOf(build.pid as number);
    }
    assert.equal(drawing.length, 1, 'the drawing process started');
    const [child] = drawing as [number];
    // Drawing, past starting up: what must be stopped is librsvg at work.
    for (let tries = 0; (await cpuSeconds(child)) < 3 && tries < 600; tries++) await sleep(100);
    build.kill('SIGKILL');
    await exited;
    let alive = true;
    for (let tries = 0; alive && tries < 50; tries++) {
      await sleep(100);
      alive = await isAlive(child);
    }
    assert.equal(alive, false, 'the drawing process went with its parent');
  });

  it('names damage found while drawing', async () => {
    const job = await jobOf(`<svg ${SVG} width="100" height="50"><rect width="100" height="50"/></svg>`);
    await assert.rejects(
      drawCopies({ ...job, bytes: Buffer.from(`<svg ${SVG} width="100" height="50"><rect`) }),
      (error: unknown) => error instanceof ImageUnreadable && error.reason.startsWith('the image is damaged ('),
    );
  });
});
