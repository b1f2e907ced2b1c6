import { describe, expect, it } from 'vitest';
import { runMaelstromTest, type NodeProgram } from '../src/index.ts';

// Issue 19 item 7: after `--nemesis kill` a restarted node got `init` but not its `topology`, so
// three nodes of a correct 3e program (which waits for its neighbours) then crashed. A restarted
// node must get what a fresh node gets: init, then the workload's per-node set-up.

/** A broadcast node that records what it is sent and refuses to work before it knows its neighbours. */
function recordingBroadcast(events: string[]): NodeProgram {
  return (node) => {
    let neighbours: string[] | undefined;
    const values = new Set<number>();
    return {
      init: () => { events.push(`${node.id} init`); },
      topology: (msg) => {
        events.push(`${node.id} topology`);
        neighbours = ((msg.body['topology'] as Record<string, string[]>)[node.id] ?? []);
        node.reply(msg, { type: 'topology_ok' });
      },
      broadcast: (msg) => {
        if (neighbours === undefined) throw new Error('broadcast before topology');
        const v = Number(msg.body['message']);
        if (!values.has(v)) {
          values.add(v);
          for (const n of neighbours) node.send(n, { type: 'broadcast', message: v });
        }
        if (msg.body.msg_id !== undefined) node.reply(msg, { type: 'broadcast_ok' });
      },
      read: (msg) => node.reply(msg, { type: 'read_ok', messages: [...values] }),
    };
  };
}

describe('a node restarted by the nemesis', () => {
  it('gets init and then its topology, as a fresh node does', async () => {
    const events: string[] = [];
    const r = await runMaelstromTest({
      workload: 'broadcast', nodes: { kind: 'in-process', program: recordingBroadcast(events) },
      nodeCount: 3, timeLimitMs: 6000, rate: 20, latencyMs: 5, seed: 7, nemesis: ['kill'], nemesisIntervalMs: 700, recoveryMs: 1000,
    });
    const restarts = r.nemesisLog.filter((e) => /restart/.test(e.text)).length;
    expect(restarts).toBeGreaterThan(0);
    for (const n of ['n0', 'n1', 'n2']) {
      const mine = events.filter((e) => e.startsWith(`${n} `)).map((e) => e.slice(n.length + 1));
      // Every incarnation: init, then topology (never a topology-less life).
      expect(mine.length % 2, `${n}: ${mine.join(', ')}`).toBe(0);
      for (let i = 0; i < mine.length; i += 2) expect([mine[i], mine[i + 1]], `${n}: ${mine.join(', ')}`).toEqual(['init', 'topology']);
    }
    expect(events.filter((e) => e.endsWith(' init')).length).toBe(3 + restarts);
    // Topology messages to restarted nodes are harness set-up, not workload operations.
    expect(r.ops.filter((o) => o.f === 'topology').every((o) => o.phase === 'setup')).toBe(true);
  });
});
