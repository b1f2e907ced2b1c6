// A planted wrong solution of read-repair: it repairs only the replica on its own node. The
// reader's node converges; the other replicas that missed the write stay behind.
import { address, defineActor } from '@faultline/core';

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
        ctx.send(address(ctx.self.node, 'replica'), { type: 'put', key, ...newest });
        return newest.value;
      },
    };
  },
});
