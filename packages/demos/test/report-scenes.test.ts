import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportModel, loadRunFolder, type ReportModel } from '@faultline/report';
import { runCli } from '../src/cli/main.ts';

/**
 * Issue 22 item 2: the `transfer` and `network` reports had no fault windows or scene labels, so
 * the scenes, the cuts, and naive from careful could not be told apart. Each scene is now a
 * labelled stretch of the run (`scenes.jsonl`) and each staged fault a window inside it.
 */

const dir = mkdtempSync(join(tmpdir(), 'faultline-report-scenes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reportOf(...argv: string[]): Promise<ReportModel> {
  const lines: string[] = [];
  const code = await runCli(['demo', ...argv, '--report', '--out', dir], (l) => lines.push(l));
  const text = lines.join('\n');
  expect(code, text).toBeLessThanOrEqual(1);
  const folder = /^Report: (.*)\/report\.html$/m.exec(text)?.[1];
  expect(folder, text).toBeDefined();
  return buildReportModel(loadRunFolder(folder as string));
}

/** The messages sent inside a time span. */
const sentWithin = (m: ReportModel, from: number, to: number) => (m.messages?.send ?? []).filter((t) => t >= from && t <= to).length;

describe('lesson reports label their scenes and shade the faults each staged', () => {
  it('network: five scenes in order, each with its fault window inside it and its messages', async () => {
    const m = await reportOf('network', '--seed', '7');
    expect(m.scenes.map((s) => s.name)).toEqual(['loss', 'delay', 'duplication', 'reordering', 'one-way']);
    for (const [i, s] of m.scenes.entries()) {
      if (i > 0) expect(s.from).toBeGreaterThanOrEqual(m.scenes[i - 1]?.to as number);
      expect(s.windows, s.name).toHaveLength(1);
      const w = m.windows[s.windows[0] as number];
      expect(w?.from).toBeGreaterThanOrEqual(s.from);
      expect(w?.to).toBeLessThanOrEqual(s.to);
      expect(w?.kind).toBe(s.name === 'one-way' ? 'partition' : 'link-fault');
      expect(sentWithin(m, w?.from as number, w?.to as number), s.name).toBeGreaterThan(20);
      expect(s.title).toMatch(/naive receiver on n2, careful on n3/);
      expect(s.lines.join('\n')).toMatch(/naive: .*careful: /s);
    }
  }, 60_000);

  it('transfer: naive and careful are separate scenes; the cut and crash scenes shade their fault, the slow one none', async () => {
    const m = await reportOf('transfer', '--seed', '7', '--runs', '0');
    expect(m.scenes.map((s) => s.name)).toEqual(['1-naive', '1-careful', '2-naive', '2-careful', '3-naive', '3-careful', '4-naive', '4-careful']);
    const kinds = m.scenes.map((s) => s.windows.map((w) => m.windows[w]?.kind).join(','));
    expect(kinds).toEqual(['partition', 'partition', 'partition', 'partition', '', '', 'crash', 'crash']);
    for (const s of m.scenes) {
      expect(s.lines.join('\n')).toMatch(/verdict .*A \d+ \+ B \d+ = \d+/);
      for (const w of s.windows) {
        expect(m.windows[w]?.from).toBeGreaterThanOrEqual(s.from);
        expect(m.windows[w]?.to).toBeLessThanOrEqual(s.to);
      }
    }
  }, 60_000);

  it('clock-skew: each policy a scene, the clocks and both writes\' stamps kept: by wall clock the later write is stamped lower', async () => {
    const m = await reportOf('clock-skew', '--seed', '1');
    expect(m.scenes.map((s) => s.name)).toEqual(['lww-wall', 'lww-hlc', 'siblings']);
    expect(m.windows.map((w) => w.kind)).toEqual(['clock']);
    expect(m.clocks?.offsets).toEqual({ n1: 50, n2: 0 });
    const pair = (scene: string) => {
      const [first, second] = ['first', 'second'].map((v) => m.clocks?.stamps.find((s) => s.scene === scene && s.label === `write "${v}"`));
      if (!first || !second) throw new Error(`no stamps for ${scene}`);
      expect(second.at, 'second truly happened later').toBeGreaterThan(first.at);
      return { first, second };
    };
    const wall = pair('lww-wall');
    expect(wall.second.l).toBeLessThan(wall.first.l);
    expect([wall.first.kept, wall.second.kept]).toEqual([true, false]);
    const hlc = pair('lww-hlc');
    expect(hlc.second.l * 1e6 + hlc.second.c).toBeGreaterThan(hlc.first.l * 1e6 + hlc.first.c);
    expect([hlc.first.kept, hlc.second.kept]).toEqual([false, true]);
  }, 60_000);

  it('transfer --sweep-seed replays one sweep run as the sweep printed it, its report holding both tellers as scenes', async () => {
    const lines: string[] = [];
    await runCli(['demo', 'transfer', '--seed', '7', '--runs', '40'], (l) => lines.push(l));
    const sweep = lines.join('\n');
    const example = /e\.g\. seed (\d+): (.*) -> total (\d+) \((.*)\)/.exec(sweep);
    expect(example, sweep).not.toBeNull();
    const [, seed, faults, total, verdicts] = example as unknown as [string, string, string, string, string];
    expect(sweep).toContain(`faultline demo transfer --sweep-seed ${seed} --report`);
    const replayed: string[] = [];
    expect(await runCli(['demo', 'transfer', '--seed', '7', '--sweep-seed', seed, '--report', '--out', dir], (l) => replayed.push(l))).toBe(0);
    const text = replayed.join('\n');
    expect(text).toContain(`naive    faults: ${faults}`);
    expect(text).toMatch(new RegExp(`verdicts ${verdicts}; A \\+ B = ${total} `));
    const folder = /^Report: (.*)\/report\.html$/m.exec(text)?.[1] as string;
    const m = buildReportModel(loadRunFolder(folder));
    expect(m.scenes.map((s) => s.name)).toEqual(['naive', 'careful']);
    for (const s of m.scenes) {
      expect(sentWithin(m, s.from, s.to), s.name).toBeGreaterThan(10);
      expect(s.windows.map((w) => m.windows[w]?.kind)).toContain('link-fault');
      expect(s.windows.map((w) => m.windows[w]?.kind)).toContain('partition');
    }
    // Every message paired with its own run: none left in flight by an id shared across the two runs.
    expect(m.messages?.fate.filter((f) => f === 3).length).toBeLessThan(5);
    const workers: string[] = [];
    expect(await runCli(['demo', 'transfer', '--runtime', 'workers', '--sweep-seed', seed], (l) => workers.push(l))).toBe(64);
    expect(workers.join('\n')).toMatch(/--sweep-seed .*runs in the simulator/);
  }, 120_000);
});
