import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReportModel, loadRunFolder } from '@faultline/report';
import { emptyNetStats, type MaelstromTestResult } from '@faultline/maelstrom';
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
    const { code, lines } = await run('maelstrom', 'test', '-w', 'lin-kv', '--program', join(programs, 'lin-kv.mjs'), '--nemesis', 'partition', '--nemesis-interval', '1', ...common);
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
    await run('maelstrom', 'test', '-w', 'lin-kv', '--program', join(programs, 'lin-kv.mjs'), '--nemesis', 'partition', '--nemesis-interval', '1', ...common);
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
      seed: 1, startupMs: 300, runMs: 2000, counters: { total: emptyCounters(), links: {} },
      valid: true, wallMs: 2000, check: { valid: true, anomalies: {}, lines: ['1 read'] },
      stats: { ops: 1, ok: 1, fail: 0, info: 0, availability: 1, latency: { min: 10, p50: 10, p95: 10, p99: 10, max: 10 }, msgsPerOp: 0, msgsPerOpAll: 2, opCount: 1, net: emptyNetStats() },
      messages: { ends: ['n0', 'n1', 'n2', 'clients'], sent: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], dropped: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], byType: {}, serverSendsPerBucket: [] },
      nemesisLog: [
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

  it('a 25-node broadcast: summary.html shows the verdict with the checker\'s account, stable latency, msgs-per-op and a 25×25 message matrix; the report folds 650 links into 3 rows (issue 19 item 12)', async () => {
    const { code, lines } = await run('maelstrom', 'test', '-w', 'broadcast', '--program', join(programs, 'broadcast.mjs'), '--node-count', '25', '--time-limit', '3',
      '--rate', '20', '--latency', '100', '--seed', '7', '--out', out);
    expect(code).toBe(0);
    const dir = join(out, 'maelstrom', 'broadcast-seed7');
    expect(lines).toContain(`Summary (verdict, latency over time, messages between nodes): ${join(dir, 'summary.html')}`);
    const html = readFileSync(join(dir, 'summary.html'), 'utf8');
    expect(html).toMatch(/<span class="v valid">valid<\/span>/);
    expect(html).toMatch(/broadcast, \d+ acknowledged, 0 lost/);
    expect(html).toMatch(/<th>stable latency<\/th><td>\d/);
    expect(html).toMatch(/msgs-per-op \(servers\)<\/th><td>[\d.]+/);
    for (const n of ['n0', 'n12', 'n24']) expect(html).toContain(`>${n}</text>`);
    expect(html).toMatch(/<title>n\d+ → n\d+: \d+ sent<\/title>/);
    expect(html).not.toMatch(/<script/);
    const model = buildReportModel(loadRunFolder(dir));
    // Clients take no network path (0 ms, as Maelstrom) and broadcast calls no service: one row of 25 × 24 links.
    expect(model.counters[0]?.links.map((l) => l.link)).toEqual(['nodes->nodes']);
    expect(model.counters[0]?.links[0]?.sent).toBe(model.counters[0]?.total.sent);
  }, 60_000);

  it.each([['g-counter', 'counter-broken.mjs', 'INVALID', /final-read-out-of-bounds/], ['kafka', 'kafka.mjs', 'valid', /sends acknowledged/], ['txn-list-append', 'txn-list-append.mjs', 'valid', /checked as Elle&#39;s list-append/]])(
    '%s: summary.html gives the verdict and the checker\'s explanation', async (workload, file, verdict, explanation) => {
      await run('maelstrom', 'test', '-w', workload, '--program', join(programs, file), ...common);
      const html = readFileSync(join(out, 'maelstrom', `${workload}-seed7`, 'summary.html'), 'utf8');
      expect(html).toContain(`<span class="v ${verdict}">${verdict}</span>`);
      expect(html).toMatch(explanation);
      expect(html).toMatch(/aria-label="latency over time"/);
    });

  it('rejects --report with --no-report, naming both', async () => {
    const { code, lines } = await run('maelstrom', 'test', '-w', 'echo', '--bin', './x', '--report', '--no-report');
    expect(code).toBe(64);
    expect(lines.join('\n')).toMatch(/--report cannot be given together, got "--no-report"/);
  });
});
