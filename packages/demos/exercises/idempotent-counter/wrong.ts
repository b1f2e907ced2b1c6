// A planted wrong solution of idempotent-counter: it remembers the ids it counted, but in memory
// only. The total survives a crash (it is in storage), the memory of what was counted does not, so
// a retry that arrives after the counter's node restarted is counted a second time.
import { defineActor } from '@faultline/core';

type CounterMessage = { readonly type: 'add'; readonly id: string; readonly n: number } | { readonly type: 'read' };

export const Counter = defineActor<CounterMessage>({
  kind: 'exercise.counter',
  setup(ctx) {
    let total = ctx.storage.get<number>('total') ?? 0;
    const counted = new Set<string>();
    return {
      receive(message) {
        if (message.type === 'read') return total;
        if (counted.has(message.id)) return total;
        counted.add(message.id);
        total += message.n;
        ctx.storage.set('total', total);
        return total;
      },
    };
  },
});
