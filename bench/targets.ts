// The targets Gazette's performance is held to now (issue 27: 10,000 stories on the 2-core machine,
// unless said), each judged on the latest figures: met, missed, or not measured yet.

import { formatMb, formatMs, formatRatio } from './format.js';
import type { HistoryRow, Runner } from './history.js';
import { LIKE_FOR_LIKE } from './peers/scenarios.js';

/** The latest rows of a history, by runner, N, scenario and generator. */
export interface LatestRows {
  find(runner: Runner, stories: number, scenario: string, generator?: string): HistoryRow | undefined;
  /** The row of `generator` from the same run of bench:peers as `row`. */
  sameRun(row: HistoryRow, generator: string): HistoryRow | undefined;
}

export interface Judgement {
  goal: string;
  stories: number;
  /** The figure, or why there is none. */
  measured: string;
  verdict: 'met' | 'missed' | 'not measured yet';
  /** How far from the target, for a missed one. */
  by: string;
  /** The rows the figure comes from. */
  rows: HistoryRow[];
}

interface Target {
  goal: string;
  stories: number;
  judge(latest: LatestRows): Omit<Judgement, 'goal' | 'stories'>;
}

/** A figure of one scenario's latest row, at most (or under, when `strict`) `limit`. */
function figure(goal: string, stories: number, scenario: string, field: 'wallMs' | 'peakRssMb', limit: number, strict: boolean): Target {
  const format = field === 'wallMs' ? formatMs : formatMb;
  return {
    goal,
    stories,
    judge(latest) {
      const row = latest.find('bench', stories, scenario);
      if (row === undefined) return notMeasured();
      const value = row[field];
      if (row.error !== undefined || value === undefined) return { measured: 'failed', verdict: 'missed', by: 'the latest run failed', rows: [row] };
      const met = strict ? value < limit : value <= limit;
      return { measured: format(value), verdict: met ? 'met' : 'missed', by: met ? '' : `${formatRatio(value / limit)} the target`, rows: [row] };
    },
  };
}

/** Gazette's cold build (`generator`) against a peer's of the same bench:peers run, as a ratio of wall times. */
function ratio(goal: string, stories: number, generator: string, peer: string, limit: number, strict: boolean): Target {
  return {
    goal,
    stories,
    judge(latest) {
      const gazette = latest.find('bench:peers', stories, 'cold', generator);
      if (gazette === undefined) return notMeasured();
      const other = latest.sameRun(gazette, peer);
      if (gazette.error !== undefined || gazette.wallMs === undefined)
        return { measured: 'failed', verdict: 'missed', by: 'the latest run failed', rows: [gazette] };
      if (other?.wallMs === undefined || other.error !== undefined)
        return { measured: `${peer} has no figure in that run`, verdict: 'not measured yet', by: '', rows: [gazette] };
      const value = gazette.wallMs / other.wallMs;
      const met = strict ? value < limit : value <= limit;
      const measured = `${formatRatio(value)} ${peer}'s (${formatMs(gazette.wallMs)} against ${formatMs(other.wallMs)})`;
      return { measured, verdict: met ? 'met' : 'missed', by: met ? '' : `${formatRatio(value / limit)} the target`, rows: [gazette, other] };
    },
  };
}

function notMeasured(): Omit<Judgement, 'goal' | 'stories'> {
  return { measured: '', verdict: 'not measured yet', by: '', rows: [] };
}

const GB = 1024;

export const TARGETS: readonly Target[] = [
  ratio(`cold build, like for like, at most 2× Hugo's (bench:peers, "${LIKE_FOR_LIKE}")`, 10_000, LIKE_FOR_LIKE, 'Hugo', 2, false),
  ratio(`cold build, like for like, below Eleventy's (bench:peers, "${LIKE_FOR_LIKE}")`, 10_000, LIKE_FOR_LIKE, 'Eleventy', 1, true),
  ratio("cold build of the full site below Eleventy's (bench:peers)", 10_000, 'Gazette', 'Eleventy', 1, true),
  figure('CI build: cache restored, no dist/, one new story, at most 10 s (scenario ci-new-story)', 10_000, 'ci-new-story', 'wallMs', 10_000, false),
  figure('one new story (`gazette build`) at most 1 s', 10_000, 'published-new', 'wallMs', 1000, false),
  figure('one new story (`gazette build`) at most 3 s', 100_000, 'published-new', 'wallMs', 3000, false),
  figure('dev loop, save to every file written, at most 200 ms', 10_000, 'dev-loop-every-file', 'wallMs', 200, false),
  figure('no-change build (`gazette build`) under 1 s', 10_000, 'published-no-change', 'wallMs', 1000, true),
  figure('cold build peak memory under 1.5 GB', 100_000, 'cold', 'peakRssMb', 1.5 * GB, true),
];

export function judgeTargets(latest: LatestRows, targets: readonly Target[] = TARGETS): Judgement[] {
  return targets.map((target) => ({ goal: target.goal, stories: target.stories, ...target.judge(latest) }));
}
