import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMaelstromTest, type MaelstromTestOptions, type MaelstromTestResult, type WorkloadName } from '../src/index.ts';
import { PROGRAMS } from './programs.ts';

// Test programs as real processes (node, and python3 for echo.py), through stdin/stdout. Real time
// costs wall time, so this file runs a few short tests at once; every program and checker pair is
// covered in the simulator (workloads-sim.test.ts), with the same program files. The verdicts here
// do not depend on timing: each broken program breaks within a few operations.
const hasPython = spawnSync('python3', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'faultline-maelstrom-'));

interface Case { readonly name: string; readonly workload: WorkloadName; readonly file: string; readonly expect: boolean; readonly extra?: Partial<MaelstromTestOptions> }
const CASES: readonly Case[] = [
  { name: 'echo', workload: 'echo', file: 'echo.mjs', expect: true },
  { name: 'echo-broken', workload: 'echo', file: 'echo-broken.mjs', expect: false },
  // At 30% loss a value reaches a peer in one 500 ms resend round with probability 0.7, so a 500 ms
  // recovery left a value unread in about one run in twenty (seen in CI). Ten rounds make that
  // ~0.3^10 per value and node: the verdict no longer depends on the machine's timing.
  { name: 'broadcast', workload: 'broadcast', file: 'broadcast.mjs', expect: true, extra: { loss: 0.3, recoveryMs: 5000 } },
  { name: 'broadcast-broken', workload: 'broadcast', file: 'broadcast-broken.mjs', expect: false, extra: { loss: 0.3 } },
  // Issue 21: ids past 2^53 read as JS numbers collapsed into duplicate-ids; read exactly, they are distinct.
  { name: 'unique-ids-snowflake', workload: 'unique-ids', file: 'unique-ids-snowflake.mjs', expect: true },
  { name: 'g-counter', workload: 'g-counter', file: 'counter.mjs', expect: true },
  { name: 'lin-kv', workload: 'lin-kv', file: 'lin-kv.mjs', expect: true },
  { name: 'lin-kv-broken', workload: 'lin-kv', file: 'lin-kv-broken.mjs', expect: false },
  { name: 'echo-kill', workload: 'echo', file: 'echo.mjs', expect: true, extra: { nemesis: ['kill'], nemesisIntervalMs: 300 } },
  { name: 'broadcast-pause', workload: 'broadcast', file: 'broadcast.mjs', expect: true, extra: { nemesis: ['pause'], nemesisIntervalMs: 300 } },
];

const results = new Map<string, MaelstromTestResult>();
let python: MaelstromTestResult | undefined;

function options(c: Pick<Case, 'workload' | 'name' | 'extra'>, bin: string, args: string[]): MaelstromTestOptions {
  return {
    workload: c.workload, nodes: { kind: 'process', command: { bin, args } },
    nodeCount: 2, timeLimitMs: 1500, rate: 30, latencyMs: 5, timeoutMs: 3000, recoveryMs: 500, seed: 14, initTimeoutMs: 60_000,
    runDir: join(dir, c.name), ...c.extra,
  };
}

beforeAll(async () => {
  const runs: Promise<unknown>[] = CASES.map(async (c) => results.set(c.name, await runMaelstromTest(options(c, process.execPath, [join(PROGRAMS, c.file)]))));
  if (hasPython) runs.push((async () => { python = await runMaelstromTest(options({ workload: 'echo', name: 'echo-py' }, 'python3', [join(PROGRAMS, 'echo.py')])); })());
  await Promise.all(runs);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Maelstrom programs as real processes', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.expect ? 'valid' : 'caught'}`, () => {
      const r = results.get(c.name)!;
      expect(r.valid, r.check.lines.join('\n')).toBe(c.expect);
      expect(r.protocolErrorCount).toBe(0);
      expect(r.unexpectedExits).toEqual([]);
    });
  }

  it('writes the history, stats and each node\'s stderr in the run folder', () => {
    const r = results.get('echo')!;
    const history = readFileSync(join(dir, 'echo', 'history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(history.filter((e) => e.type === 'invoke').length).toBe(r.stats.ops);
    expect(history.filter((e) => e.type === 'ok').length).toBe(r.stats.ok);
    expect(JSON.parse(readFileSync(join(dir, 'echo', 'results.json'), 'utf8'))).toMatchObject({ seed: 14, valid: true, exitCode: 0 });
    expect(readFileSync(join(dir, 'echo', 'n0.stderr.log'), 'utf8')).toBe('');
  });

  it('kills (and restarts, with a fresh init) and pauses processes on the nemesis schedule; the run goes on', () => {
    const killed = results.get('echo-kill')!;
    const paused = results.get('broadcast-pause')!;
    expect(killed.nemesisLog.map((e) => e.text).join('\n')).toMatch(/crash[\s\S]*restart/);
    expect(paused.nemesisLog.map((e) => e.text).join('\n')).toMatch(/pause[\s\S]*resume/);
    expect([...killed.nemesisLog, ...paused.nemesisLog].every((e) => e.ok)).toBe(true);
    const afterRestart = killed.nemesisLog.find((e) => /restart/.test(e.text))!;
    expect(killed.stats.ok).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'echo-kill', 'history.jsonl'), 'utf8').split('\n').some((l) => l.includes('"type":"ok"') && JSON.parse(l).time > (afterRestart.now ?? Infinity))).toBe(true);
  });

  it.skipIf(!hasPython)('runs a Python program (skipped when python3 is not installed); its malformed lines are counted with node and line, and the run goes on', () => {
    const r = python!;
    expect(r.valid).toBe(true);
    expect(r.protocolErrorCount).toBe(4); // two bad lines from each of the two nodes
    expect(r.protocolErrors.map((v) => `${v.node}:${v.line}`).sort()).toEqual(['n0:2', 'n0:3', 'n1:2', 'n1:3']);
    expect(readFileSync(join(dir, 'echo-py', 'protocol-errors.log'), 'utf8')).toMatch(/n0 line 3: missing "dest"/);
  });
});
