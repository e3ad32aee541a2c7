import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryRow } from '../../bench/history.js';
import { renderLatest, renderRun } from '../../bench/latest.js';

const MACHINE = { cpu: 'AMD EPYC', cores: 2, memoryGb: 24, node: 'v20.20.2', os: 'Linux 6.18.44' };

function row(fields: Partial<HistoryRow> & Pick<HistoryRow, 'scenario' | 'stories'>): HistoryRow {
  return {
    date: '2026-12-03T10:00:00Z',
    commit: 'aaaaaaa',
    dirty: false,
    machine: MACHINE,
    command: 'npm run bench',
    runner: 'bench',
    label: fields.scenario,
    note: '',
    ...fields,
  };
}

/** The cells of the targets table's line for a goal: N, goal, figure, verdict, provenance. */
function target(markdown: string, stories: string, goal: string): string[] {
  const line = markdown.split('\n').find((candidate) => candidate.startsWith(`| ${stories} | ${goal} |`));
  assert.ok(line, `no line for "${goal}" at ${stories} in:\n${markdown}`);
  return line
    .split(' | ')
    .slice(2)
    .map((cell) => cell.replace(/ \|$/, ''));
}

describe('bench/LATEST.md', () => {
  it('shows the latest row of each scenario and N, with its date and commit', () => {
    const markdown = renderLatest([
      row({ scenario: 'cold', label: 'cold build (no cache)', stories: 10_000, date: '2026-12-04T08:00:00Z', commit: 'bbbbbbb', wallMs: 120_000 }),
      row({ scenario: 'cold', label: 'cold build (no cache)', stories: 10_000, date: '2026-12-02T08:00:00Z', wallMs: 150_000 }),
      row({ scenario: 'cold', label: 'cold build (no cache)', stories: 1000, wallMs: 15_000 }),
      row({ scenario: 'published-new', label: 'gazette build, one new story', stories: 10_000, wallMs: 5000, dirty: true }),
      row({ scenario: 'published-new', label: 'gazette build, one new story', stories: 10_000, wallMs: 4000, note: 'the later line of one date' }),
    ]);
    assert.match(markdown, /\| cold build \(no cache\) \| 120\.0 s \|.*\| 2026-12-04 08:00, bbbbbbb, A \|/);
    assert.doesNotMatch(markdown, /150\.0 s/);
    assert.match(markdown, /### 1,000 stories\n\n.*\n.*\n\| cold build \(no cache\) \| 15\.0 s \|/);
    assert.match(markdown, /\| gazette build, one new story \| 4\.00 s \|.*the later line of one date/);
    assert.doesNotMatch(markdown, /5\.00 s/);
    assert.match(markdown, /- \*\*A\*\*: AMD EPYC, 2 cores, 24 GB memory, Node v20\.20\.2, Linux 6\.18\.44/);
  });

  it('judges each current target on the latest figures: met, missed, or not measured yet', () => {
    const markdown = renderLatest([
      row({ scenario: 'published-new', stories: 10_000, wallMs: 900 }),
      row({ scenario: 'published-new', stories: 100_000, note: '', error: 'timed out after 60 minutes' }),
      row({ scenario: 'published-no-change', stories: 10_000, wallMs: 1000 }),
      row({ scenario: 'dev-loop-every-file', stories: 10_000, wallMs: 200 }),
      row({ scenario: 'cold', stories: 100_000, peakRssMb: 1600, wallMs: 1_300_000 }),
    ]);
    assert.deepEqual(target(markdown, '10,000', 'one new story (`gazette build`) at most 1 s'), ['900 ms', 'met', '2026-12-03 10:00, aaaaaaa, A']);
    assert.deepEqual(target(markdown, '100,000', 'one new story (`gazette build`) at most 3 s').slice(0, 2), ['failed', 'missed: the latest run failed']);
    assert.deepEqual(target(markdown, '10,000', 'no-change build (`gazette build`) under 1 s').slice(0, 2), ['1.00 s', 'missed: 1.00× the target']);
    assert.deepEqual(target(markdown, '10,000', 'dev loop, save to every file written, at most 200 ms').slice(0, 2), ['200 ms', 'met']);
    assert.deepEqual(target(markdown, '100,000', 'cold build peak memory under 1.5 GB').slice(0, 2), ['1,600 MB', 'missed: 1.04× the target']);
    assert.deepEqual(target(markdown, '10,000', 'CI build: cache restored, no dist/, one new story, at most 10 s (scenario ci-new-story)'), [
      '',
      'not measured yet',
      '',
    ]);
    assert.doesNotMatch(markdown, /issue 5/);
  });

  it('compares Gazette with its peers within one run of bench:peers only', () => {
    const peers = (generator: string, wallMs: number, date = '2026-12-03T10:00:00Z') =>
      row({ runner: 'bench:peers', command: 'npm run bench:peers', scenario: 'cold', label: 'cold build', stories: 10_000, generator, wallMs, date });
    const goal = "cold build of the full site below Eleventy's (bench:peers)";
    const met = renderLatest([peers('Gazette', 60_000), peers('Eleventy', 61_600), peers('Hugo', 17_600)]);
    assert.deepEqual(target(met, '10,000', goal).slice(0, 2), ["0.97× Eleventy's (60.0 s against 61.6 s)", 'met']);
    assert.match(met, /\| cold build \| Hugo \| 17\.6 s \|.*\| 0\.29× \|/);
    assert.deepEqual(target(met, '10,000', 'cold build, like for like, at most 2× Hugo\'s (bench:peers, "Gazette, like for like")').slice(0, 2), [
      '',
      'not measured yet',
    ]);

    const missed = renderLatest([peers('Gazette', 123_700), peers('Eleventy', 61_600)]);
    assert.deepEqual(target(missed, '10,000', goal).slice(0, 2), ["2.01× Eleventy's (123.7 s against 61.6 s)", 'missed: 2.01× the target']);

    const apart = renderLatest([peers('Eleventy', 61_600), peers('Gazette', 60_000, '2026-12-04T10:00:00Z')]);
    assert.deepEqual(target(apart, '10,000', goal).slice(0, 2), ['Eleventy has no figure in that run', 'not measured yet']);
    const eleventy = apart.split('\n').find((line) => line.startsWith('| cold build | Eleventy |'));
    assert.ok(eleventy && !eleventy.includes('×'), eleventy);
  });

  it('prints one run with the targets it measured only', () => {
    const markdown = renderRun([
      row({ scenario: 'published-new', label: 'gazette build, one new story', stories: 10_000, wallMs: 1500, command: 'npm run bench -- --only published' }),
    ]);
    assert.match(markdown, /^# `npm run bench -- --only published`\n\nRun on 2026-12-03 10:00 UTC at commit aaaaaaa; machine: AMD EPYC/);
    assert.deepEqual(target(markdown, '10,000', 'one new story (`gazette build`) at most 1 s').slice(0, 2), ['1.50 s', 'missed: 1.50× the target']);
    assert.doesNotMatch(markdown, /not measured yet/);
  });
});
