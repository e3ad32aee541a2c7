// The dev loop renders an edited story's Markdown on the worker it keeps, where remark runs several
// times slower until V8 has optimized it, and the first build may render nothing (with the cache):
// after it, the newest story is rendered there a few times, until a build or the first pages begin.

import { heldBody } from '../content/body.js';
import { copyWith } from '../copy-with.js';
import type { MarkdownPool } from '../markdown/pool.js';
import type { Story } from '../model/types.js';

/** How many times the newest story is rendered after the dev loop's first build. */
const WARM_UP_RENDERS = 12;

export interface WarmUp {
  stop(): void;
}

export function warmUpMarkdown(story: Story, pool: MarkdownPool): WarmUp {
  let stopped = false;
  void (async () => {
    let held: Story;
    try {
      // Read from its file once, not at every render.
      held = copyWith(story, { body: heldBody(story.body.text()) });
    } catch {
      return;
    }
    for (let round = 0; round < WARM_UP_RENDERS && !stopped; round += 1) {
      const problems = await pool.renderEach([held], () => undefined, { threads: 1 }).catch(() => undefined);
      // A story that fails (the build reports it) warms nothing.
      if (problems === undefined || problems.length > 0) return;
    }
  })();
  return { stop: () => (stopped = true) };
}
