import { checkHistory, counterModel } from '@faultline/checker';
import { defineActor, type Address, type AskOutcome } from '@faultline/core';
import { Recorder } from '@faultline/history';
import type { RunRecorder } from '@faultline/report';
import { Simulation } from '@faultline/runtime';
import { Nemesis, networkPresets } from '@faultline/transport';
import { actorExport, type Exercise } from '../exercise.ts';
import { recordRun, verdictOf } from './record-run.ts';
import { lossyWithCrashes } from './schedules.ts';

/** What the solution's Counter understands: an add carries the id of the request it belongs to. */
export type IdempotentCounterMessage = { readonly type: 'add'; readonly id: string; readonly n: number } | { readonly type: 'read' };

/** A client that retries an add, with the same id, until the counter answers (at most 40 tries). */
const RetryingClient = defineActor<IdempotentCounterMessage, Address>({
  kind: 'exercise.idempotent-counter.client',
  setup(ctx, counter) {
    return {
      async receive(message) {
        if (message.type === 'read') return ctx.ask<number>(counter, message, { timeoutMs: 150 });
        let last: AskOutcome<unknown> = { status: 'unknown', reason: 'timeout', message: 'not asked yet' };
        for (let attempt = 0; attempt < 40; attempt++) {
          last = await ctx.ask(counter, message, { timeoutMs: 150 });
          if (last.status !== 'unknown') return last;
          await ctx.sleep(50);
        }
        return last;
      },
    };
  },
});

/** Chapter 2: make the counter's add idempotent, so retries and duplicated messages count once. */
export const idempotentCounter: Exercise = {
  name: 'idempotent-counter',
  chapter: '02-actors-and-asks.md',
  title: 'A counter that counts each add once, however often it arrives',
  task: `The counter on n1 adds what each 'add' carries. Two clients on n2 and n3 retry every add
that ends unknown (a timeout), with the same request id, and the network loses and duplicates
messages while a nemesis crashes and restarts the counter's node. Today a retried or duplicated add is counted
twice, and the counter model finds a read above every add that happened. Change Counter so that
each request id is counted once, across restarts of its node too (chapter 2, "Durable storage").
Export: Counter, an actor taking { type: 'add', id, n } (reply: anything) and { type: 'read' } (reply: the total).`,
  nodes: ['n1', 'n2', 'n3'],
  seeds: 20,
  async run(solution, seed, record?: RunRecorder) {
    const Counter = actorExport(solution, 'Counter');
    const sim = new Simulation({ seed, nodes: 3, faults: networkPresets.lan, ...(record ? { onTrace: record.onTrace } : {}) });
    try {
      const counter = await sim.spawn('n1', 'counter', Counter, undefined);
      const clients = [await sim.spawn('n2', 'client', RetryingClient, counter), await sim.spawn('n3', 'client', RetryingClient, counter)];
      const nemesis = new Nemesis(sim.faultTarget(), { seed, schedule: lossyWithCrashes(seed, 'n1', 3000) });
      const faults = nemesis.run((ms) => sim.sleep(ms));
      const history = new Recorder(() => sim.now());
      await Promise.all(clients.map(async (client, i) => {
        let process = history.freshProcess();
        for (let k = 0; k < 24; k++) {
          const op = k % 4 === 3 ? { f: 'read' as const } : { f: 'add' as const, value: i + 1 };
          const message: IdempotentCounterMessage = op.f === 'read' ? { type: 'read' } : { type: 'add', id: `c${i}-${k}`, n: op.value };
          const outcome = await history.record(process, op, async () => unwrap(await sim.ask<AskOutcome<unknown>>(client, message, { timeoutMs: 10_000 })),
            (reply: unknown) => (op.f === 'read' ? (typeof reply === 'number' ? reply : null) : op.value));
          if (outcome.status === 'unknown') process = history.freshProcess();
          await sim.sleep(60);
        }
      }));
      const log = await faults;
      await sim.sleep(500);
      const last = history.freshProcess();
      await history.record(last, { f: 'read' }, async () => unwrap(await sim.ask<AskOutcome<unknown>>(clients[0] as Address, { type: 'read' }, { timeoutMs: 10_000 })),
        (reply: unknown) => (typeof reply === 'number' ? reply : null));
      const check = checkHistory(counterModel, history.events);
      recordRun(record, 'counter', 'counter', history.events, check, log);
      record?.finish(sim.now());
      return verdictOf(check, `every read lies between the acknowledged adds and those plus the unknown ones (${history.events.length / 2} operations)`);
    } finally {
      await sim.shutdown();
    }
  },
};

/** The client's reply is the outcome of its own ask to the counter: that is the operation's outcome. */
function unwrap(outer: AskOutcome<AskOutcome<unknown>>): AskOutcome<unknown> {
  return outer.status === 'ok' ? outer.value : outer;
}
