// SVG drawings are drawn into their PNG copies in a child process of their own, stopped when it
// takes longer than DRAWING_BUDGET_MS: librsvg cannot be interrupted, and a small drawing can
// ask it for minutes of work (filters redrawn for every strip of a tall picture).

import { fork } from 'node:child_process';
import { type ImageInfo, ImageUnreadable, type Variant } from './variants.js';

/** A chart or map draws in well under a second; one that needs this long is refused. */
export const DRAWING_BUDGET_MS = 20_000;

const SLOW_HINT = 'simplify it (fewer or smaller filters and shapes), or export it as PNG';

/** What the drawing process is sent, and what it answers. */
export interface DrawingJob {
  bytes: Uint8Array;
  info: ImageInfo & { format: 'svg'; width: number };
  variants: Variant[];
}
export type DrawingAnswer = { copies: Uint8Array[] } | { reason: string; hint: string | undefined };

/** The copies of a drawing, in the order of `variants`. `budgetMs` is for tests. */
export function drawCopies(job: DrawingJob, budgetMs = DRAWING_BUDGET_MS): Promise<Buffer[]> {
  // From the TypeScript sources (tests), the child registers tsx, as worker threads do (threads.ts).
  const fromSources = import.meta.url.endsWith('.ts');
  const child = fork(new URL(`./drawing-process.${fromSources ? 'ts' : 'js'}`, import.meta.url), [], {
    execArgv: fromSources ? ['--import', import.meta.resolve('tsx')] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let answer: DrawingAnswer | undefined;
    let stopped = false;
    let errors = '';
    const timer = setTimeout(() => {
      stopped = true;
      child.kill('SIGKILL');
    }, budgetMs);
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('message', (message: DrawingAnswer) => (answer = message));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'close' comes after every message has arrived.
    child.on('close', (code) => {
      clearTimeout(timer);
      if (answer && 'copies' in answer) resolve(answer.copies.map((copy) => Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength)));
      else if (answer) reject(new ImageUnreadable(answer.reason, { hint: answer.hint }));
      else if (stopped) reject(new ImageUnreadable(`it is an SVG drawing that takes more than ${budgetMs / 1000} s to draw`, { hint: SLOW_HINT }));
      else reject(new Error(`the drawing process stopped (exit code ${code}) without an answer: ${errors.trim()}`));
    });
    child.send(job);
  });
}
