import { describe, expect, it } from 'vitest';
import { runMaelstromTest, WORKLOAD_NAMES, type Json, type MaelstromMessage, type NodeProgram } from '../src/index.ts';

// Issue 19 item 11: whatever a program answers, every checker gives a verdict (the run never
// throws, so the exit code is 0, 1 or 2). Each reply carries every field any workload reads,
// filled with a value of the wrong shape, drawn per request from a fixed list. (The old
// txn-rw-register checker threw on a micro-op that was not a list.)
const GARBAGE: readonly Json[] = [null, 5, 'x', [1, [2]], { a: [1] }, [['r', 0, { k: 1 }]], [[0, 'y']], { '0': [[1, 2], 'z'] }, -1.5, true];

const garbage: NodeProgram = (node) => {
  let i = 0;
  const pick = () => GARBAGE[i++ % GARBAGE.length]!;
  const answer = (msg: MaelstromMessage) => node.reply(msg, {
    type: `${String(msg.body.type)}_ok`, messages: pick(), value: pick(), offset: pick(), msgs: pick(), offsets: pick(), txn: pick(), id: pick(), echo: pick(),
  });
  return Object.fromEntries(['echo', 'generate', 'broadcast', 'read', 'topology', 'add', 'send', 'poll', 'commit_offsets', 'list_committed_offsets', 'txn', 'write', 'cas'].map((t) => [t, answer]));
};

describe('every checker gives a verdict on replies of the wrong shape (issue 19 item 11)', () => {
  for (const workload of WORKLOAD_NAMES) {
    it(workload, async () => {
      const r = await runMaelstromTest({ workload, nodes: { kind: 'in-process', program: garbage }, nodeCount: 2, timeLimitMs: 2000, rate: 30, seed: 11, consistencyModels: ['read-committed'] });
      expect([0, 1, 2]).toContain(r.exitCode);
      expect(r.stats.ok + r.stats.fail + r.stats.info).toBe(r.stats.ops);
    });
  }
});
