// Exercise reliable-broadcast (docs/04-breaking-the-network.md). Copy this file, edit it, check it:
//   pnpm faultline exercise reliable-broadcast --check YOUR-FILE.ts
// Today each value is sent to each peer once (a tell: no reply, no retry). A partition drops
// every message across the cut, and a value sent then never arrives.
import { address, defineActor } from '@faultline/core';

type BroadcastMessage =
  | { readonly type: 'broadcast'; readonly value: number }
  | { readonly type: 'gossip'; readonly value: number }
  | { readonly type: 'read' };

export const Broadcaster = defineActor<BroadcastMessage>({
  kind: 'exercise.broadcaster',
  setup(ctx) {
    const held = new Set<number>();
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
            // TODO: a value sent across a partition is lost. Keep sending until each peer has it.
            for (const node of ctx.clusterNodes) {
              if (node !== ctx.self.node) ctx.send(address(node, ctx.self.name), { type: 'gossip', value: message.value });
            }
            return 'ok';
        }
      },
    };
  },
});
