// How far a build is, as the user sees it: on a terminal one line redrawn in place (the stage, a
// count, the time left), at most ten times a second; in a CI log one plain line as each stage starts.

import type { Progress, ProgressEvent, Stage } from '../progress.js';
import type { Io } from './io.js';

const STAGES: Record<Stage, string> = {
  reading: 'reading the stories',
  markdown: 'rendering Markdown',
  pictures: 'publishing the pictures',
  pages: 'writing the pages',
  feeds: 'writing the feeds',
  finishing: 'finishing the search index, sitemaps and static files',
};

/** Between two redraws of the terminal's line. */
const REDRAW_MS = 100;
/** A terminal shows nothing for a build shorter than this: no flicker for a quick one. */
const QUIET_START_MS = 500;
const CLEAR_LINE = '\r\u001b[K';

export interface ProgressDisplay {
  progress: Progress;
  /** Clears the terminal's line, before the final line is printed. */
  end(): void;
}

export function progressDisplay(io: Io, verbose: boolean): ProgressDisplay | undefined {
  const status = io.status;
  if (status === undefined) return undefined;
  const clock = io.clock ?? (() => performance.now());
  const started = clock();
  const plain = !status.terminal || verbose;
  let stage: { name: Stage; since: number } | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;

  return {
    progress(event) {
      const now = clock();
      const changed = stage?.name !== event.stage;
      if (changed) stage = { name: event.stage, since: now };
      if (plain) {
        if (changed) status.write(`${describe(event, now - (stage as { since: number }).since, false)}${verbose ? ` (at ${seconds(now - started)})` : ''}\n`);
        return;
      }
      if (now - started < QUIET_START_MS || (!changed && now - drawnAt < REDRAW_MS)) return;
      drawnAt = now;
      drawn = true;
      status.write(`${CLEAR_LINE}${describe(event, now - (stage as { since: number }).since, true)}`);
    },
    end() {
      if (drawn) status.write(CLEAR_LINE);
    },
  };
}

/** `rendering Markdown 120/2000 (6%), about 40 s left`; a plain line names the count to come. */
function describe(event: ProgressEvent, elapsed: number, counting: boolean): string {
  const name = STAGES[event.stage];
  if (!counting) return event.total === undefined ? name : `${name}: ${event.total} to do`;
  if (event.total === undefined) return event.done > 0 ? `${name} ${event.done}` : name;
  const percent = event.total === 0 ? 100 : Math.floor((event.done / event.total) * 100);
  // The rate so far, once there is one to go by.
  const left = event.done > 0 && elapsed >= 1000 ? `, about ${seconds(((event.total - event.done) * elapsed) / event.done)} left` : '';
  return `${name} ${event.done}/${event.total} (${percent}%)${left}`;
}

function seconds(milliseconds: number): string {
  const whole = Math.ceil(milliseconds / 1000);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}
