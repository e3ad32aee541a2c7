import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { appendHistory, type HistoryRow, historyLine, historyRow, parseHistory, type Run, readHistory } from '../../bench/history.js';

const RUN: Run = {
  date: '2026-12-03T16:28:05Z',
  commit: '974b9e1',
  dirty: true,
  machine: { cpu: 'AMD EPYC', cores: 2, memoryGb: 24, node: 'v20.20.2', os: 'Linux 6.18.44' },
  command: 'npm run bench:peers -- --stories 10000',
};

/** A row with every field the history knows. */
const FULL: HistoryRow = {
  ...RUN,
  runner: 'bench:peers',
  stories: 10_000,
  scenario: 'new-story',
  label: 'one new story',
  generator: 'Gazette',
  version: 'Gazette 0.1.0',
  wallMs: 9650.2,
  cpuMs: 15_000,
  peakRssMb: 383.5,
  storiesPerSecond: 103.6,
  otherLoad: 0.021,
  pages: 17_569,
  files: 29_921,
  written: 81,
  note: 'runs: 9.65 s, 10.1 s | "quoted"',
  error: 'none, for the test',
  importedFrom: 'bench/peers-2.md',
};

describe('bench history', () => {
  it('reads back every field of a row it wrote', () => {
    assert.deepEqual(parseHistory(historyLine(FULL), 'history.jsonl'), [FULL]);
    const least: HistoryRow = { ...RUN, runner: 'bench', stories: 1000, scenario: 'cold', label: 'cold build (no cache)', note: '' };
    assert.deepEqual(parseHistory(`${historyLine(least)}\n\n${historyLine(FULL)}\n`, 'history.jsonl'), [least, FULL]);
  });

  it("writes a row's fields in one order, whatever order the row has them in", () => {
    const reversed = Object.fromEntries(Object.entries(FULL).reverse()) as unknown as HistoryRow;
    assert.equal(historyLine(reversed), historyLine(FULL));
    assert.deepEqual(Object.keys(JSON.parse(historyLine(FULL)) as object).slice(0, 6), ['date', 'commit', 'dirty', 'machine', 'command', 'runner']);
  });

  it('records a measured row rounded, and a failed one without figures', () => {
    const measured = historyRow(
      {
        stories: 1000,
        scenario: 'cold',
        wallMs: 12_801.23456,
        cpuMs: 20_700.04,
        peakRssMb: 328.123,
        storiesPerSecond: 78.1234,
        otherLoad: 0.012345,
        pages: 2105,
        files: 3034,
        written: 3034,
        note: '0 warnings',
      },
      RUN,
      'bench',
      'cold build (no cache)',
    );
    assert.deepEqual(
      [
        measured.wallMs,
        measured.cpuMs,
        measured.peakRssMb,
        measured.storiesPerSecond,
        measured.otherLoad,
        measured.pages,
        measured.label,
        measured.commit,
        measured.generator,
      ],
      [12_801.2, 20_700, 328.1, 78.1, 0.012, 2105, 'cold build (no cache)', '974b9e1', undefined],
    );
    const failed = historyRow({ stories: 1000, scenario: 'cold', wallMs: 5, note: '', error: 'timed out' }, RUN, 'bench', 'cold build (no cache)');
    assert.equal(failed.wallMs, undefined);
    assert.equal(failed.error, 'timed out');
    assert.deepEqual(parseHistory(historyLine(failed), 'history.jsonl'), [JSON.parse(historyLine(failed))]);
  });

  it('names the file and line of a line that is not a row', () => {
    const good = historyLine(FULL);
    const broken = (row: Record<string, unknown>) => `${good}\n${JSON.stringify(row)}\n`;
    assert.throws(() => parseHistory(`${good}\n{"date":`, 'h.jsonl'), /^Error: h\.jsonl:2: not JSON/);
    assert.throws(() => parseHistory(broken({ ...FULL, stories: '10000' }), 'h.jsonl'), /h\.jsonl:2: stories should be a number/);
    assert.throws(() => parseHistory(broken({ ...FULL, note: undefined }), 'h.jsonl'), /h\.jsonl:2: note should be a string/);
    assert.throws(() => parseHistory(broken({ ...FULL, date: '2026-12-03 16:28 UTC' }), 'h.jsonl'), /h\.jsonl:2: date should be like/);
    assert.throws(() => parseHistory(broken({ ...FULL, runner: 'peers' }), 'h.jsonl'), /h\.jsonl:2: runner should be one of/);
    assert.throws(
      () => parseHistory(broken({ ...FULL, machine: { ...FULL.machine, cores: 'two' } }), 'h.jsonl'),
      /h\.jsonl:2: machine\.cores should be a number/,
    );
    assert.throws(() => parseHistory(broken({ ...FULL, wall: 1 }), 'h.jsonl'), /h\.jsonl:2: unknown field wall/);
  });

  it('appends to the file, one line a row, and reads a missing file as no history', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'gazette-history-'));
    try {
      const file = path.join(folder, 'history.jsonl');
      assert.deepEqual(await readHistory(file), []);
      const second = { ...FULL, date: '2026-12-04T09:00:00Z' };
      await appendHistory([FULL], file);
      await appendHistory([second], file);
      assert.equal(await readFile(file, 'utf8'), `${historyLine(FULL)}\n${historyLine(second)}\n`);
      assert.deepEqual(await readHistory(file), [FULL, second]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
