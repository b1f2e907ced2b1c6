// A planted wrong solution of quorum-read: it takes the highest version among the first two
// replies. Two is not a majority of five: two replicas on the minority side of a partition both
// missed the last write, and the read returns the value before it.
import { address, defineActor, Rejection, type AskOutcome } from '@faultline/core';

interface Versioned {
  readonly version: number;
  readonly value: number | null;
}

function firstOk<R>(asks: readonly Promise<AskOutcome<R>>[], need: number): Promise<R[]> {
  return new Promise((resolve) => {
    const ok: R[] = [];
    let ended = 0;
    for (const ask of asks) {
      void ask.then((outcome) => {
        ended++;
        if (outcome.status === 'ok') ok.push(outcome.value);
        if (ok.length === need || ended === asks.length) resolve(ok.slice(0, need));
      });
    }
  });
}

export const Reader = defineActor<{ readonly type: 'read' }>({
  kind: 'exercise.reader',
  setup(ctx) {
    const replicas = ctx.clusterNodes.map((node) => address(node, 'replica'));
    return {
      async receive() {
        const held = await firstOk(replicas.map((r) => ctx.ask<Versioned>(r, { type: 'get' }, { timeoutMs: 100 })), 2);
        if (held.length < 2) throw new Rejection('no-quorum', `${held.length} replicas answered`);
        const newest = held.reduce((a, b) => (b.version > a.version ? b : a));
        await firstOk(replicas.map((r) => ctx.ask(r, { type: 'put', ...newest }, { timeoutMs: 100 })), 2);
        return newest.value;
      },
    };
  },
});
