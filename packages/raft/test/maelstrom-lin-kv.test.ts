import { describe, expect, it } from 'vitest';
import { runMaelstromTest, type MaelstromTestOptions } from '@faultline/maelstrom';
import { raftLinKvProgram } from '../src/index.ts';

// The Raft KV as a Maelstrom lin-kv node, on Maelstrom's lin-kv workload and checker, in the simulator with fixed seeds.

const options = (seed: number, program: MaelstromTestOptions['nodes']): MaelstromTestOptions => ({
  workload: 'lin-kv', nodes: program, nodeCount: 5, seed,
  timeLimitMs: 20_000, rate: 40, latencyMs: 5, concurrency: 10, nemesis: ['partition', 'kill'], nemesisIntervalMs: 2000,
});

describe('lin-kv on Raft (Maelstrom workload, simulator)', () => {
  it('is valid under partitions and kills (seed 1), and answers most operations', async () => {
    const r = await runMaelstromTest(options(1, { kind: 'in-process', program: raftLinKvProgram() }));
    expect(r.valid).toBe(true);
    expect(r.stats.ok).toBeGreaterThan(300);
    expect(r.nemesisLog.map((e) => e.text).join('\n')).toMatch(/crash|kill/);
  }, 60_000);

  it('planted leader-local reads (no ReadIndex, CheckQuorum off): the lin-kv checker rejects seed 15; ReadIndex on the same seed is valid', async () => {
    const bad = await runMaelstromTest(options(15, { kind: 'in-process', program: raftLinKvProgram({ unsafeLeaderLocalReads: true, config: { checkQuorum: false } }) }));
    expect(bad.valid).toBe(false);
    const good = await runMaelstromTest(options(15, { kind: 'in-process', program: raftLinKvProgram({ config: { checkQuorum: false } }) }));
    expect(good.valid).toBe(true);
  }, 60_000);

  it('is valid while its leaders grow the cluster 3 → 5 and shrink it back under partitions and kills (seed 1)', async () => {
    const sends: string[] = [];
    const program = raftLinKvProgram({ voters: ['n0', 'n1', 'n2'], resize: { everyMs: 1000, minVoters: 3, maxVoters: 5 } });
    const r = await runMaelstromTest({ ...options(1, { kind: 'in-process', program }), logNetSend: true }, (line) => { if (line.includes('raft-config')) sends.push(line); });
    expect(r.valid).toBe(true);
    expect(r.stats.ok).toBeGreaterThan(200);
    // Configurations the leaders appended and sent (thesis §4.1: the voters after each change).
    const configs = new Set(sends.flatMap((l) => [...l.matchAll(/"voters":(\[[^\]]*\])/g)].map((m) => m[1] ?? '')));
    expect(configs.has('["n0","n1","n2","n3","n4"]')).toBe(true);
    expect([...configs].filter((c) => c.split(',').length === 3 && c !== '["n0","n1","n2"]').length).toBeGreaterThan(0);
  }, 120_000);
});
