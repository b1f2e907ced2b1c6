// Reference solution of read-repair (Dynamo, DeCandia et al. 2007, section 5): after a read, every
// replica that answered with an older version than the newest is sent the newest. Reads of a key
// then bring all its reachable replicas together, without a background anti-entropy process.
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
        answers.forEach((a, i) => {
          if (a.status === 'ok' && a.value.version < newest.version) ctx.send(replicas[i]!, { type: 'put', key, ...newest });
        });
        return newest.value;
      },
    };
  },
});
