import { describe, expect, it } from 'vitest';
import { runMaelstromTest, type NodeProgram } from '../src/index.ts';
import { loadProgram } from './programs.ts';

// Issue 19 item 9: msgs-per-op left out node↔service traffic (a kafka program on lin-kv showed 0
// against Maelstrom's 12.03). Maelstrom's net checker (src/maelstrom/net/checker.clj) splits its
// journal into `clients` (any message to or from a c… id) and `servers` (the rest: node↔node and
// node↔service), and divides by every invocation in the history.

/** Echo that first writes the text to lin-kv: one request and one reply to the service per op, nothing between nodes. */
const echoViaLinKv: NodeProgram = (node) => ({
  echo: async (msg) => {
    await node.rpc('lin-kv', { type: 'write', key: node.id, value: msg.body['echo'] ?? null });
    node.reply(msg, { type: 'echo_ok', echo: msg.body['echo'] ?? null });
  },
});

describe("Maelstrom's net stats", () => {
  it('count node↔service messages as server traffic: 2 per op here, where the old figure was 0', async () => {
    const nodeCount = 3;
    const r = await runMaelstromTest({ workload: 'echo', nodes: { kind: 'in-process', program: echoViaLinKv }, nodeCount, timeLimitMs: 5000, rate: 20, latencyMs: 5, seed: 9 });
    const ops = r.stats.opCount;
    expect(r.valid).toBe(true);
    expect(r.stats.info).toBe(0);
    expect(ops).toBeGreaterThan(50);
    expect(r.stats.net.servers).toEqual({ sendCount: 2 * ops, recvCount: 2 * ops, msgCount: 2 * ops });
    expect(r.stats.msgsPerOp).toBe(2);
    // Clients: each op's request and reply, and init / init_ok per node.
    expect(r.stats.net.clients.sendCount).toBe(2 * ops + 2 * nodeCount);
    expect(r.stats.net.all.msgCount).toBe(r.stats.net.clients.msgCount + r.stats.net.servers.msgCount);
    expect(r.stats.msgsPerOpAll).toBe(Math.round(((4 * ops + 2 * nodeCount) / ops) * 1000) / 1000);
  });

  it('divide by every invocation, final reads included, but not by set-up (topology), as ops and availability do', async () => {
    const r = await runMaelstromTest({
      workload: 'broadcast', nodes: { kind: 'in-process', program: await loadProgram('broadcast.mjs') },
      nodeCount: 3, timeLimitMs: 3000, rate: 20, latencyMs: 5, seed: 9, recoveryMs: 1000,
    });
    const finals = r.ops.filter((o) => o.phase === 'final').length;
    expect(finals).toBe(3);
    // Maelstrom's history holds the final reads but not the topology set-up (broadcast.clj client `setup!`).
    expect(r.ops.filter((o) => o.phase === 'setup').length).toBe(3);
    expect(r.stats.ops).toBe(r.ops.length - 3);
    expect(r.stats.opCount).toBe(r.stats.ops);
    expect(r.stats.msgsPerOp).toBe(Math.round((r.stats.net.servers.msgCount / r.stats.opCount) * 1000) / 1000);
    expect(r.stats.net.servers.msgCount).toBeGreaterThan(0);
  });
});
