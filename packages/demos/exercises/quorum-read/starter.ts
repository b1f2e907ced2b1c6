// Exercise quorum-read (docs/07-registers-and-linearizability.md). Copy this file, edit it, check it:
//   pnpm faultline exercise quorum-read --check YOUR-FILE.ts
// Today a read asks this node's replica only. A replica cut off by a partition missed the last
// writes, so the read returns an old value after a newer one was acknowledged.
import { address, defineActor } from '@faultline/core';

/** What a replica ('replica' on every node) answers to { type: 'get' }. */
interface Versioned {
  readonly version: number;
  readonly value: number | null;
}

export const Reader = defineActor<{ readonly type: 'read' }>({
  kind: 'exercise.reader',
  setup(ctx) {
    return {
      async receive() {
        // TODO: ask every replica (address(node, 'replica') for node of ctx.clusterNodes), wait for a
        // majority, take the highest version, write it back ({ type: 'put', version, value }) to a majority.
        const local = await ctx.ask<Versioned>(address(ctx.self.node, 'replica'), { type: 'get' }, { timeoutMs: 100 });
        if (local.status !== 'ok') throw new Error(`the local replica did not answer: ${local.status}`);
        return local.value.value;
      },
    };
  },
});
