// Exercise read-repair (docs/07-registers-and-linearizability.md). Copy this file, edit it, check it:
//   pnpm faultline exercise read-repair --check YOUR-FILE.ts
// Today a read answers the newest value it saw and leaves the replicas as they are: one that
// missed a write during a partition stays behind for ever.
import { address, defineActor } from '@faultline/core';

/** What a replica ('replica' on every node) answers to { type: 'get', key }. */
interface VersionedValue {
  readonly version: number;
  readonly value: number | null;
}

export const Reader = defineActor<{ readonly type: 'read'; readonly key: string }>({
  kind: 'exercise.reader',
  setup(ctx) {
    return {
      async receive({ key }) {
        const replicas = ctx.clusterNodes.map((node) => address(node, 'replica'));
        const answers = await Promise.all(replicas.map((r) => ctx.ask<VersionedValue>(r, { type: 'get', key }, { timeoutMs: 100 })));
        let newest: VersionedValue = { version: 0, value: null };
        for (const a of answers) if (a.status === 'ok' && a.value.version > newest.version) newest = a.value;
        // TODO: the replicas that answered with an older version missed a write. Repair them.
        return newest.value;
      },
    };
  },
});
