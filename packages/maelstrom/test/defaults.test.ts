import { describe, expect, it } from 'vitest';
import { effectiveSettings, MAELSTROM_DEFAULTS, runMaelstromTest, type NodeProgram } from '../src/index.ts';

// Issue 19 item 5: the defaults were 1 s client timeout, 1 s before the final reads, a 1 s nemesis
// interval and two clients per node, where Maelstrom's source says 5 s (client.clj
// `default-timeout`), 10 s (core.clj `(gen/sleep 10)`), 10 s (core.clj `--nemesis-interval`) and
// `1n` (jepsen.cli `--concurrency`). Each test below failed with the old defaults.

/** Echo that answers after `delayMs` of (virtual) time. */
const slowEcho = (delayMs: number): NodeProgram => (node) => ({
  echo: (msg) => { node.setTimer(delayMs, () => node.reply(msg, { type: 'echo_ok', echo: msg.body['echo'] ?? null })); },
});

describe("Maelstrom's defaults", () => {
  it('are the values in Maelstrom\'s source', () => {
    expect(effectiveSettings({ nodeCount: 5 })).toEqual({
      concurrency: 5, timeoutMs: 5000, recoveryMs: 10_000, nemesisIntervalMs: 10_000, latencyMs: 0, initTimeoutMs: 10_000,
    });
    expect(MAELSTROM_DEFAULTS).toMatchObject({ timeLimitMs: 60_000, rate: 5, maxTxnLength: 4, maxWritesPerKey: 16, nodeCount: 5 });
  });

  it('a reply after 3 s is ok, not a timeout; one client per node', async () => {
    const r = await runMaelstromTest({ workload: 'echo', nodes: { kind: 'in-process', program: slowEcho(3000) }, nodeCount: 3, timeLimitMs: 20_000, rate: 2, seed: 3 });
    expect(r.stats.ok).toBeGreaterThan(0);
    expect(r.stats.info).toBe(0);
    expect(new Set(r.ops.map((o) => o.client))).toEqual(new Set(['c1', 'c2', 'c3']));
    // echo has no final reads, so, as in core.clj, no recovery wait after the time limit.
    expect(r.runMs - r.startupMs).toBeLessThan(20_000 + 5000);
  });

  it('waits 10 s after the time limit before the final reads, and the nemesis waits 10 s before its first fault', async () => {
    const counter: NodeProgram = (node) => {
      let sum = 0;
      return {
        add: (msg) => { sum += Number(msg.body['delta']); node.reply(msg, { type: 'add_ok' }); },
        read: (msg) => node.reply(msg, { type: 'read_ok', value: sum }),
      };
    };
    const r = await runMaelstromTest({ workload: 'g-counter', nodes: { kind: 'in-process', program: counter }, nodeCount: 2, timeLimitMs: 25_000, rate: 2, seed: 4, nemesis: ['partition'] });
    const end = r.startupMs + 25_000;
    const finals = r.ops.filter((o) => o.phase === 'final');
    expect(finals.length).toBe(2);
    expect(finals[0]!.invokeTime - end).toBeGreaterThanOrEqual(10_000);
    expect(r.nemesisLog.length).toBeGreaterThan(0);
    expect((r.nemesisLog[0]!.now ?? r.nemesisLog[0]!.at) - r.startupMs).toBeGreaterThanOrEqual(10_000);
  });
});
