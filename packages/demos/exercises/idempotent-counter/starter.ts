// Exercise idempotent-counter (docs/02-actors-and-asks.md). Copy this file, edit it, and check it:
//   pnpm faultline exercise idempotent-counter --check YOUR-FILE.ts
// Today every add is counted as often as it arrives: a retry after a lost reply, or a message the
// network duplicated, counts twice. Make each request id count once, across restarts too.
import { defineActor } from '@faultline/core';

type CounterMessage = { readonly type: 'add'; readonly id: string; readonly n: number } | { readonly type: 'read' };

export const Counter = defineActor<CounterMessage>({
  kind: 'exercise.counter',
  setup(ctx) {
    let total = ctx.storage.get<number>('total') ?? 0;
    return {
      receive(message) {
        if (message.type === 'read') return total;
        // TODO: message.id says which request this is. A request seen before must not add again.
        total += message.n;
        ctx.storage.set('total', total);
        return total;
      },
    };
  },
});
