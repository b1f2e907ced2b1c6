// Reference solution of quorum-read: ABD's read (Attiya, Bar-Noy, Dolev 1995). Phase 1 asks every
// replica and waits for a majority; any two majorities share a replica, so the highest version
// among them is at least the last acknowledged write. Phase 2 writes that version back to a
// majority before answering, so no later read can return an older one (a read of a write that
// reached a minority would otherwise be followed by a read that misses it).
import { address, defineActor, Rejection, type AskOutcome } from '@faultline/core';

interface Versioned {
  readonly version: number;
  readonly value: number | null;
}

/** Resolves with the first `need` ok replies, or with fewer once every ask has ended. */
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
    const majority = Math.floor(replicas.length / 2) + 1;
    return {
      async receive() {
        const held = await firstOk(replicas.map((r) => ctx.ask<Versioned>(r, { type: 'get' }, { timeoutMs: 100 })), majority);
        if (held.length < majority) throw new Rejection('no-quorum', `${held.length} of ${replicas.length} replicas answered`);
        const newest = held.reduce((a, b) => (b.version > a.version ? b : a));
        const acks = await firstOk(replicas.map((r) => ctx.ask(r, { type: 'put', ...newest }, { timeoutMs: 100 })), majority);
        if (acks.length < majority) throw new Rejection('no-quorum', `the write-back reached ${acks.length} of ${replicas.length}`);
        return newest.value;
      },
    };
  },
});
