// The child process of images/drawings.ts: it draws one SVG drawing's copies and sends them back.
// It stops when its parent goes (a build stopped by a signal leaves no drawing behind).

import type { DrawingAnswer, DrawingJob } from './drawings.js';
import { encodeVariant, ImageUnreadable } from './variants.js';

// process.exit would wait for libvips' threads to finish the drawing: the process kills itself.
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
process.once('message', (job: DrawingJob) => {
  void draw(job).then((answer) => process.send?.(answer, () => process.exit(0)));
});

async function draw({ bytes, info, variants }: DrawingJob): Promise<DrawingAnswer> {
  try {
    return { copies: await Promise.all(variants.map((variant) => encodeVariant(bytes, info, variant))) };
  } catch (error) {
    if (error instanceof ImageUnreadable) return { reason: error.reason, hint: error.hint };
    throw error;
  }
}
