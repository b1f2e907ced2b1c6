// Reference solution of reliable-broadcast: each peer is asked until it answers (a reply means it
// holds the value), every 200 ms for as long as it takes. Receiving a value twice is harmless, as
// it is a set: the retries rely on that (chapter 2: retry only what is idempotent).
import { address, defineActor } from '@faultline/core';

type BroadcastMessage =
  | { readonly type: 'broadcast'; readonly value: number }
  | { readonly type: 'gossip'; readonly value: number }
  | { readonly type: 'read' };

export const Broadcaster = defineActor<BroadcastMessage>({
  kind: 'exercise.broadcaster',
  setup(ctx) {
    const held = new Set<number>();
    const deliver = async (node: string, value: number): Promise<void> => {
      const peer = address(node, ctx.self.name);
      while ((await ctx.ask(peer, { type: 'gossip', value }, { timeoutMs: 200 })).status !== 'ok') {
        // unknown: lost, or the reply was lost; failed: the peer is restarting. Either way, again.
      }
    };
    return {
      receive(message) {
        switch (message.type) {
          case 'read':
            return [...held];
          case 'gossip':
            held.add(message.value);
            return 'ok';
          case 'broadcast':
            held.add(message.value);
            for (const node of ctx.clusterNodes) if (node !== ctx.self.node) void deliver(node, message.value);
            return 'ok';
        }
      },
    };
  },
});
