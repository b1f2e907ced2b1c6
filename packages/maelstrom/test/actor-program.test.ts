import { describe, expect, it } from 'vitest';
import { address, defineActor } from '@faultline/core';
import { actorProgram, runMaelstromTest, type MaelstromTestOptions, type MessageBody } from '../src/index.ts';

// faultline actors written to the Maelstrom protocol, run through the adapter in the simulator.

/** unique-ids whose counter lives in durable storage: a killed node comes back without repeating an id. */
const DurableIds = defineActor<MessageBody>({
  kind: 'durable-ids',
  setup(ctx) {
    return {
      receive(msg) {
        if (msg.type !== 'generate') return undefined;
        const n = ctx.storage.get<number>('next') ?? 0;
        ctx.storage.set('next', n + 1);
        return { type: 'generate_ok', id: `${ctx.self.node}-${n}` };
      },
    };
  },
});

/** The same, with the counter in memory: after a kill it starts again at 0 and repeats ids. */
const ForgetfulIds = defineActor<MessageBody>({
  kind: 'forgetful-ids',
  setup(ctx) {
    let n = 0;
    return { receive: (msg) => (msg.type === 'generate' ? { type: 'generate_ok', id: `${ctx.self.node}-${n++}` } : undefined) };
  },
});

/** lin-kv through the lin-kv service with ctx.ask: ok replies pass through, definite errors become error replies. */
const KvProxy = defineActor<MessageBody>({
  kind: 'kv-proxy',
  setup(ctx) {
    return {
      async receive(msg) {
        if (!['read', 'write', 'cas'].includes(msg.type)) return undefined;
        const { msg_id: _id, ...request } = msg;
        const outcome = await ctx.ask<MessageBody>(address('lin-kv', 'maelstrom'), request, { timeoutMs: 500 });
        switch (outcome.status) {
          case 'ok': return { ...outcome.value, in_reply_to: undefined };
          case 'failed': return { type: 'error', code: Number(outcome.code), text: outcome.message };
          case 'unknown': return { type: 'error', code: 0, text: outcome.message };
          default: return undefined;
        }
      },
    };
  },
});

const base = { nodeCount: 3, timeLimitMs: 4000, rate: 40, latencyMs: 5, seed: 21, concurrency: 6, timeoutMs: 1000, nemesisIntervalMs: 1000, recoveryMs: 1000 } as const;
const run = (o: Pick<MaelstromTestOptions, 'workload' | 'nodes'> & Partial<MaelstromTestOptions>) => runMaelstromTest({ ...base, ...o });

describe('faultline actors on the Maelstrom workloads', () => {
  it('an actor keeping its counter in ctx.storage gives unique ids through kills', async () => {
    const r = await run({ workload: 'unique-ids', nodes: { kind: 'in-process', program: actorProgram(DurableIds, undefined) }, nemesis: ['kill'], nemesisIntervalMs: 400 });
    expect(r.nemesisLog.map((e) => e.text).join('\n')).toMatch(/crash[\s\S]*restart/);
    expect(r.valid).toBe(true);
  });

  it('the same actor with its counter in memory repeats ids after a kill, and the checker says so', async () => {
    const r = await run({ workload: 'unique-ids', nodes: { kind: 'in-process', program: actorProgram(ForgetfulIds, undefined) }, nemesis: ['kill'], nemesisIntervalMs: 400 });
    expect(r.valid).toBe(false);
    expect(r.check.anomalies['duplicate-ids']).toBeGreaterThan(0);
  });

  it('an actor asking the lin-kv service is linearizable under partitions', async () => {
    const r = await run({ workload: 'lin-kv', nodes: { kind: 'in-process', program: actorProgram(KvProxy, undefined) }, nemesis: ['partition'] });
    expect(r.valid).toBe(true);
    expect(r.stats.ok).toBeGreaterThan(50);
  });
});
