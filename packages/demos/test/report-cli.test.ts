import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'faultline-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(...line.split('\n')));
  return { code, lines };
}

describe('reports from the command line', () => {
  it('--report adds only the report line to a demo\'s output, and keeps the run folder', async () => {
    const plain = await run('demo', 'echo', '--seed', '4', '--nodes', '3', '--out', dir);
    const reported = await run('demo', 'echo', '--seed', '4', '--nodes', '3', '--out', dir, '--report');
    expect(reported.code).toBe(0);
    const folder = join(dir, 'echo-sim-4');
    expect(reported.lines).toEqual([...plain.lines, `Report: ${join(folder, 'report.html')}`]);
    expect(readdirSync(folder).sort()).toEqual(['counters.json', 'report.html', 'run.json', 'trace.jsonl']);
  });

  it('faultline report rewrites a run folder\'s report; a folder that is not one is a usage error naming the file', async () => {
    const folder = join(dir, 'echo-sim-4');
    rmSync(join(folder, 'report.html'), { force: true });
    expect(await run('report', folder)).toEqual({ code: 0, lines: [`Report: ${join(folder, 'report.html')}`] });
    expect(existsSync(join(folder, 'report.html'))).toBe(true);
    const missing = await run('report', join(dir, 'nope'));
    expect(missing.code).toBe(64);
    expect(missing.lines.join('\n')).toMatch(/nope\/run\.json: not found/);
    expect((await run('report')).lines.join('\n')).toMatch(/run folder must be exactly one folder/);
  });

  it('check --report writes a report of the history and its verdict; --out without --report is refused', async () => {
    const history = join(dir, 'h.jsonl');
    writeFileSync(history, [
      { type: 'invoke', process: 0, f: 'write', value: 1, time: 0 }, { type: 'ok', process: 0, f: 'write', value: 1, time: 1 },
      { type: 'invoke', process: 1, f: 'read', value: null, time: 2 }, { type: 'ok', process: 1, f: 'read', value: 2, time: 3 },
    ].map((e) => JSON.stringify(e)).join('\n'));
    const checked = await run('check', history, '--model', 'register', '--report');
    expect(checked.code).toBe(1);
    expect(checked.lines.at(-1)).toBe(`Report: ${join(dir, 'h-check', 'report.html')}`);
    expect(readdirSync(join(dir, 'h-check')).sort()).toEqual(['checks.json', 'h.jsonl', 'report.html', 'run.json']);
    expect(await run('check', history, '--model', 'register', '--out', dir)).toMatchObject({ code: 64 });
  });
});

describe('one run per folder (issue 22 item 8)', () => {
  it('check --report on a transactional history writes txn.json with each anomaly\'s cycle and a report that draws it', async () => {
    // elle test/elle/list_append_test.clj checker-test "G1c".
    const history = join(dir, 'g1c.edn');
    writeFileSync(history, ['{:index 0 :type :ok :process 0 :f :txn :value [[:append :x 1] [:r :y [1]]]}', '{:index 1 :type :ok :process 1 :f :txn :value [[:append :x 2] [:append :y 1]]}', '{:index 2 :type :ok :process 2 :f :txn :value [[:r :x [1 2]] [:r :y [1]]]}'].join('\n'));
    const checked = await run('check', history, '--model', 'list-append', '--consistency-models', 'read-committed', '--report');
    expect(checked.code).toBe(1);
    expect(checked.lines.at(-1)).toBe(`Report: ${join(dir, 'g1c-check', 'report.html')}`);
    expect(readdirSync(join(dir, 'g1c-check')).sort()).toEqual(['report.html', 'run.json', 'txn.json']);
    const charts = JSON.parse(readFileSync(join(dir, 'g1c-check', 'txn.json'), 'utf8')) as { type: string; edges: { label: string }[] }[];
    expect(charts.map((c) => [c.type, c.edges.map((e) => e.label).sort()])).toEqual([['G1c', ['wr :y 1', 'ww :x 1→2']]]);
    expect(readFileSync(join(dir, 'g1c-check', 'report.html'), 'utf8')).toContain('"txnCycles"');
  });

  it('cp-vs-ap --no-report after a report leaves its histories and no stale report beside them', async () => {
    expect((await run('demo', 'cp-vs-ap', '--seed', '3', '--out', dir)).code).toBe(0);
    const folder = join(dir, 'cp-vs-ap-sim-3');
    expect(existsSync(join(folder, 'report.html'))).toBe(true);
    expect((await run('demo', 'cp-vs-ap', '--seed', '3', '--out', dir, '--no-report')).code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['ap.jsonl', 'cp.jsonl', 'raft.jsonl']);
  }, 60_000);
});
