import { address, defineActor, Rejection, type Address } from '@faultline/core';
import type { RunRecorder } from '@faultline/report';
import { Simulation } from '@faultline/runtime';
import { Nemesis, networkPresets } from '@faultline/transport';
import { actorExport, type Exercise } from '../exercise.ts';
import { recordRun } from './record-run.ts';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const LEASE_MS = 150;

/** The lock service on n1: grants a lease of 150 ms with a token one above the last, kept in storage. */
const LockService = defineActor<{ readonly type: 'acquire'; readonly client: string }>({
  kind: 'exercise.fencing-tokens.lock',
  setup(ctx) {
    let token = ctx.storage.get<number>('token') ?? 0;
    let holder: { client: string; until: number } | undefined;
    return {
      receive(message) {
        const now = ctx.now();
        if (holder !== undefined && holder.until > now && holder.client !== message.client) throw new Rejection('held', `held by ${holder.client}`);
        token++;
        ctx.storage.set('token', token);
        holder = { client: message.client, until: now + LEASE_MS };
        return token;
      },
    };
  },
});

/** A client: takes the lock, works 50 ms (its node may be paused meanwhile, like a GC pause), then writes with its token. */
const Client = defineActor<{ readonly type: 'go'; readonly rounds: number }, Address>({
  kind: 'exercise.fencing-tokens.client',
  setup(ctx, storage) {
    return {
      async receive(message) {
        const lock = address('n1', 'lock');
        for (let round = 0; round < message.rounds; round++) {
          const granted = await ctx.ask<number>(lock, { type: 'acquire', client: ctx.self.node }, { timeoutMs: 100 });
          if (granted.status === 'ok') {
            await ctx.sleep(50);
            await ctx.ask(storage, { type: 'write', token: granted.value, client: ctx.self.node, value: `${ctx.self.node}#${round}` }, { timeoutMs: 100 });
          }
          await ctx.sleep(20 + ctx.rng.int(60));
        }
        return 'done';
      },
    };
  },
});

/** Chapter 10: a lease is not a lock when a holder can pause; fence the storage with the lock's tokens. */
export const fencingTokens: Exercise = {
  name: 'fencing-tokens',
  chapter: '10-partial-failure.md',
  title: 'A storage service that refuses writes from a lock holder whose lease ran out',
  task: `A lock service on n1 grants a lease of 150 ms with a token one above the last. Clients on
n2, n3 and n4 each take the lock, work for 50 ms, then write to the storage on n5 with their token;
a nemesis pauses nodes for 250 ms (a GC pause), so a client can wake after its lease ran out
and another client took the lock, and write anyway. The check asks the storage for the writes it
accepted, in order: their tokens must never go down (a write with an older token after a newer
one means two holders at once). Make Storage refuse stale writes (Kleppmann, "How to do
distributed locking", 2016).
Export: Storage, an actor taking { type: 'write', token, client, value } (refuse: throw a
Rejection) and { type: 'read' } (reply: the accepted writes, oldest first, as { token, client, value }).`,
  nodes: NODES,
  seeds: 20,
  async run(solution, seed, record?: RunRecorder) {
    const Storage = actorExport(solution, 'Storage');
    const sim = new Simulation({ seed, nodes: NODES.length, faults: networkPresets.lan, ...(record ? { onTrace: record.onTrace } : {}) });
    try {
      await sim.spawn('n1', 'lock', LockService, undefined);
      const storage = await sim.spawn('n5', 'storage', Storage, undefined);
      const clients = [];
      for (const node of ['n2', 'n3', 'n4']) clients.push(await sim.spawn(node, 'client', Client, storage));
      const nemesis = new Nemesis(sim.faultTarget(), { seed, generate: { families: ['pause'], intervalMs: 30, durationMs: 250, untilMs: 2500 } });
      const faults = nemesis.run((ms) => sim.sleep(ms));
      await Promise.all(clients.map((c) => sim.ask(c, { type: 'go', rounds: 20 }, { timeoutMs: 20_000 })));
      const log = await faults;
      await sim.sleep(200);
      const read = await sim.ask<unknown>(storage, { type: 'read' }, { timeoutMs: 1000 });
      recordRun(record, 'storage', 'fencing', [], undefined, log);
      record?.finish(sim.now());
      if (read.status !== 'ok' || !Array.isArray(read.value)) return { ok: false, explanation: `the read of the storage's accepted writes ended ${read.status}, not with a list` };
      const writes = read.value as { token: number; client: string; value: string }[];
      if (writes.length === 0) return { ok: false, explanation: 'the storage accepted no write at all: refuse only stale ones' };
      for (let i = 1; i < writes.length; i++) {
        const [before, after] = [writes[i - 1]!, writes[i]!];
        if (after.token < before.token) {
          return { ok: false, explanation: `write #${i} (${after.value}, token ${after.token}) was accepted after ${before.value} with token ${before.token}: ${after.client} wrote after its lease ran out and another client took the lock` };
        }
      }
      return { ok: true, explanation: `${writes.length} writes accepted, tokens never going down` };
    } finally {
      await sim.shutdown();
    }
  },
};
