// Reference solution of idempotent-counter: the ids already counted are kept with the total, in
// storage, so neither a retry, nor a duplicate, nor a retry that arrives after a restart adds twice.
import { defineActor } from '@faultline/core';

type CounterMessage = { readonly type: 'add'; readonly id: string; readonly n: number } | { readonly type: 'read' };

export const Counter = defineActor<CounterMessage>({
  kind: 'exercise.counter',
  setup(ctx) {
    let total = ctx.storage.get<number>('total') ?? 0;
    const counted = new Set(ctx.storage.get<string[]>('counted') ?? []);
    return {
      receive(message) {
        if (message.type === 'read') return total;
        if (counted.has(message.id)) return total; // seen: answer again, change nothing
        counted.add(message.id);
        total += message.n;
        // One handler runs to the end before the next message: both sets happen, or neither.
        ctx.storage.set('counted', [...counted]);
        ctx.storage.set('total', total);
        return total;
      },
    };
  },
});
