// A planted wrong solution of reliable-broadcast: it retries, but gives up after three tries of
// 100 ms. A partition that lasts longer than the retries still loses the value for good.
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
      for (let attempt = 0; attempt < 3; attempt++) {
        if ((await ctx.ask(peer, { type: 'gossip', value }, { timeoutMs: 100 })).status === 'ok') return;
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
