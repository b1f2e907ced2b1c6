import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportModel, loadRunFolder } from '@faultline/report';
import type { MaelstromTestResult } from '@faultline/maelstrom';
import { emptyCounters } from '@faultline/transport';
import { runCli } from '../src/cli/main.ts';
import { writeMaelstromReport } from '../src/cli/maelstrom-report.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const programs = join(repo, 'packages/maelstrom/programs');
const out = mkdtempSync(join(tmpdir(), 'faultline-maelstrom-report-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, lines };
}

const common = ['--node-count', '3', '--time-limit', '3', '--rate', '20', '--seed', '7', '--out', out];

describe('faultline maelstrom test writes a report', () => {
  it('lin-kv in the simulator: run.json with seed and replay, the history checked under cas-register, nemesis windows, counters', async () => {
    const { code, lines } = await run('maelstrom', 'test', '-w', 'lin-kv', '--program', join(programs, 'lin-kv.mjs'), '--nemesis', 'partition', ...common);
    const dir = join(out, 'maelstrom', 'lin-kv-seed7');
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe(`Report: ${join(dir, 'report.html')}`);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    const folder = loadRunFolder(dir);
    expect(folder.manifest).toMatchObject({ seed: 7, runtime: 'sim', nodes: ['n0', 'n1', 'n2'] });
    expect(folder.manifest.replay).toMatch(/^faultline maelstrom test -w lin-kv .* --seed 7$/);
    // Every client operation of the Maelstrom history is one operation in the report.
    const invokes = readFileSync(join(dir, 'history.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"type":"invoke"')).length;
    const model = buildReportModel(folder);
    const [history] = model.histories;
    expect(history).toMatchObject({ name: 'lin-kv', model: 'cas-register', check: { verdict: 'linearizable' } });
    expect(history?.ops.count).toBe(invokes);
    expect(invokes).toBeGreaterThan(20);
    expect(model.windows.length).toBeGreaterThan(0);
    expect(model.counters.map((c) => c.name)).toEqual(['network']);
  });

  it('draws nemesis windows on the history\'s clock: each window starts when its step ran, inside the operations\' span (issue 22 item 1)', async () => {
    await run('maelstrom', 'test', '-w', 'lin-kv', '--program', join(programs, 'lin-kv.mjs'), '--nemesis', 'partition', ...common);
    const folder = loadRunFolder(join(out, 'maelstrom', 'lin-kv-seed7'));
    const model = buildReportModel(folder);
    const ops = model.histories[0]?.ops;
    const first = Math.min(...(ops?.call ?? []));
    const steps = folder.nemesis.filter((s) => s.op.kind === 'partition');
    expect(steps.length).toBeGreaterThan(0);
    for (const w of model.windows.filter((x) => x.kind === 'partition')) {
      expect(steps.map((s) => s.t)).toContain(w.from);
      expect(w.from).toBeGreaterThanOrEqual(first);
      expect(w.from).toBeLessThan(Math.max(...(ops?.ret ?? [])));
    }
  });

  it('places a nemesis step that carries no target time at its schedule time plus the start-up, as the operations count', async () => {
    const result = {
      seed: 1, startupMs: 300, runMs: 2000, counters: { total: emptyCounters(), links: {} }, nemesisLog: [
        { at: 500, op: { kind: 'partition', plan: { shape: 'groups', groups: [['n0'], ['n1', 'n2']], blocked: [] } }, text: 'partition n0 | n1 n2', ok: true },
        { at: 1000, op: { kind: 'heal' }, text: 'heal', ok: true },
      ],
      ops: [{ process: 0, node: 'n0', f: 'read', value: { key: 1 }, invokeTime: 310, completeTime: 320, type: 'ok', result: 3 }],
    } as unknown as MaelstromTestResult;
    const dir = join(out, 'fake-run');
    await writeMaelstromReport(result, { dir, workload: 'lin-kv', nodeCount: 3, runtime: 'sim', replay: 'x' });
    const model = buildReportModel(loadRunFolder(dir));
    expect(model.windows.map((w) => [w.kind, w.from, w.to])).toEqual([['partition', 800, 1300]]);
  });

  it('a broken lin-kv program: the report shows the not-linearizable verdict', async () => {
    const { code } = await run('maelstrom', 'test', '-w', 'lin-kv', '--program', join(programs, 'lin-kv-broken.mjs'), ...common);
    expect(code).toBe(1);
    const model = buildReportModel(loadRunFolder(join(out, 'maelstrom', 'lin-kv-seed7')));
    expect(model.histories[0]?.check?.verdict).toBe('not-linearizable');
  });

  it('unique-ids goes in unchecked; echo is left out and says so; --no-report writes none', async () => {
    const ids = await run('maelstrom', 'test', '-w', 'unique-ids', '--program', join(programs, 'unique-ids.mjs'), ...common);
    const idsModel = buildReportModel(loadRunFolder(join(out, 'maelstrom', 'unique-ids-seed7')));
    expect(ids.lines.at(-1)).toMatch(/^Report: .*unique-ids-seed7\/report\.html$/);
    expect(idsModel.histories[0]?.check).toBeUndefined();
    expect(idsModel.histories[0]?.ops.count).toBeGreaterThan(20);
    const echo = await run('maelstrom', 'test', '-w', 'echo', '--program', join(programs, 'echo.mjs'), ...common);
    expect(echo.lines).toContain('report: echo operations (echo) are not in the report\'s history format; history.jsonl holds them');
    expect(loadRunFolder(join(out, 'maelstrom', 'echo-seed7')).manifest.histories).toEqual([]);
    const none = await run('maelstrom', 'test', '-w', 'echo', '--program', join(programs, 'echo.mjs'), '--no-report', ...common.slice(0, -2), '--out', join(out, 'none'));
    expect(none.lines.at(-1)).toMatch(/^replay: /);
    expect(existsSync(join(out, 'none', 'maelstrom', 'echo-seed7', 'report.html'))).toBe(false);
  });

  it('rejects --report with --no-report, naming both', async () => {
    const { code, lines } = await run('maelstrom', 'test', '-w', 'echo', '--bin', './x', '--report', '--no-report');
    expect(code).toBe(64);
    expect(lines.join('\n')).toMatch(/--report cannot be given together, got "--no-report"/);
  });
});
