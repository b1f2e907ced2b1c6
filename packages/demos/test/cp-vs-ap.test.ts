import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';

const outDir = mkdtempSync(join(tmpdir(), 'faultline-demo-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function demo(seed: number): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(['demo', 'cp-vs-ap', '--seed', String(seed), '--out', outDir], (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

describe('the flagship demo, cp-vs-ap, in the simulator', () => {
  it('shows CP refusing the minority and linearizable, AP answering everywhere, not linearizable, converged', async () => {
    const { code, text } = await demo(42);
    expect(code).toBe(0);
    expect(text).toMatch(/seed 42/);
    const [cpPart, apPart] = text.split('━━ AP register');
    expect(cpPart).toMatch(/minority side \{n4,n5\}:\s+0 ok\s+\d+ failed/);
    expect(cpPart).toMatch(/checker: LINEARIZABLE/);
    expect(apPart).toMatch(/minority side \{n4,n5\}:\s+[1-9]\d* ok\s+0 failed\s+0 unknown/);
    expect(apPart).toMatch(/checker: NOT LINEARIZABLE/);
    expect(apPart).toMatch(/replicas CONVERGED/);
    const raftPart = text.split('━━ Raft KV')[1] ?? '';
    expect(raftPart).toMatch(/majority side \{n1,n2,n3\}:\s+[1-9]\d* ok\s+0 failed/);
    expect(raftPart).toMatch(/minority side \{n4,n5\}:\s+0 ok\s+[1-9]\d* failed/);
    expect(raftPart).toMatch(/checker: LINEARIZABLE/);
    // The report's Raft chart is fed by every node's role/term/commit timeline.
    const roles = readFileSync(join(outDir, 'cp-vs-ap-sim-42', 'raft-roles.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { node: string; role: string });
    expect(new Set(roles.map((r) => r.node)).size).toBe(5);
    expect(roles.some((r) => r.role === 'leader')).toBe(true);
    expect(readFileSync(join(outDir, 'cp-vs-ap-sim-42', 'report.html'), 'utf8')).toContain('Raft: roles, terms, commit index');
  }, 60_000);

  it('prints exactly the same run for the same seed, and saves histories the checker command reads', async () => {
    const a = await demo(9);
    const b = await demo(9);
    expect(b.text).toBe(a.text);
    const lines: string[] = [];
    const code = await runCli(['check', join(outDir, 'cp-vs-ap-sim-9', 'cp.jsonl'), '--model', 'register'], (l) => lines.push(l));
    expect(code).toBe(0);
    expect(readFileSync(join(outDir, 'cp-vs-ap-sim-9', 'ap.jsonl'), 'utf8').split('\n').length).toBeGreaterThan(100);
    const apCode = await runCli(['check', join(outDir, 'cp-vs-ap-sim-9', 'ap.jsonl'), '--model', 'register'], () => undefined);
    expect(apCode).toBe(1);
  }, 60_000);
});

describe('the flagship demo on worker threads', () => {
  it('shows the same behaviour with real threads and real time (not the same numbers)', async () => {
    const lines: string[] = [];
    const code = await runCli(['demo', 'cp-vs-ap', '--runtime', 'workers', '--seed', '5', '--out', outDir], (l) => lines.push(l));
    const text = lines.join('\n');
    expect(code).toBe(0);
    const [cpPart, apPart] = text.split('━━ AP register');
    expect(cpPart).toMatch(/minority side \{n4,n5\}:\s+0 ok/);
    expect(cpPart).toMatch(/checker: LINEARIZABLE/);
    expect(apPart).toMatch(/minority side \{n4,n5\}:\s+[1-9]\d* ok\s+0 failed/);
    expect(apPart).toMatch(/replicas CONVERGED/);
  }, 90_000);
});
