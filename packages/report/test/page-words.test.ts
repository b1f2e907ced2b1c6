import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { histogramBins } from '../src/client/histogram-bins.ts';
import { opText, processLabel } from '../src/client/op-text.ts';
import { buildReportModel, RunRecorder } from '../src/index.ts';

/** Issue 22 item 3: what the page says about operations, and how it bins their latency. */

const dir = mkdtempSync(join(tmpdir(), 'faultline-page-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('operations in words', () => {
  it('says what a read returned instead of "read null → 169", and leaves out what a write repeats', () => {
    expect(opText('read', 'x', 'null', '169')).toBe('read x returned 169');
    expect(opText('write', 'x', '5', '5')).toBe('write x 5');
    expect(opText('cas', 'x', '[1,2]', 'true')).toBe('cas x [1,2], returned true');
    expect(opText('add', '', '3', '')).toBe('add 3');
  });

  it('labels a row by its node when known, else as a process (a history checked on its own)', () => {
    expect(processLabel({ '0': 'n2' }, 0)).toBe('n2 p0');
    expect(processLabel({}, 0)).toBe('process 0');
  });
});

describe('latency histograms', () => {
  it('spread a CP register\'s fast answers and 300 ms timeouts over log buckets, not one linear first bucket', () => {
    const values = [...Array.from({ length: 400 }, (_, i) => 1 + (i % 20) / 4), ...Array.from({ length: 60 }, () => 300)];
    const { counts, centers, log } = histogramBins(values);
    expect(log).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(Math.max(...counts)).toBeLessThan(values.length * 0.5);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(3);
    expect(centers[0]).toBeGreaterThanOrEqual(1);
    expect(centers.at(-1)).toBeLessThanOrEqual(300);
  });

  it('keep linear buckets over the data\'s own range when it spans less than a decade', () => {
    const { counts, centers, log } = histogramBins([100, 120, 150, 180, 200, 210]);
    expect(log).toBe(false);
    expect(centers[0]).toBeGreaterThan(100);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
  });
});

describe('the header of a report of a history checked on its own', () => {
  it('counts its operations and processes rather than saying "0 nodes"', () => {
    const record = new RunRecorder({ dir, title: 'faultline check h.jsonl', seed: null, runtime: 'history', nodes: [], replay: 'faultline check h.jsonl --model register', trace: false });
    record.history({ name: 'h', model: 'register', events: [
      { type: 'invoke', process: 0, f: 'write', value: 1, time: 0 }, { type: 'ok', process: 0, f: 'write', value: 1, time: 1 },
      { type: 'invoke', process: 1, f: 'read', value: null, time: 2 }, { type: 'ok', process: 1, f: 'read', value: 1, time: 3 },
    ] });
    const model = buildReportModel(record.finish(3));
    expect(model.lines[0]).toBe('a history checked on its own: 2 operations by 2 processes');
  });
});
