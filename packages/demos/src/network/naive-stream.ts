import { defineActor, type Address } from '@faultline/core';

/** A numbered message of the stream: the value is the number itself, so the right sum is known. */
export interface StreamItem {
  readonly type: 'item';
  readonly seq: number;
  readonly value: number;
  /** The sender's clock when this copy was sent. */
  readonly sentAt: number;
}

/** What a naive receiver concluded. */
export interface NaiveReport {
  readonly sum: number;
  readonly count: number;
  /** The value it received last, which it takes to be the latest. */
  readonly last: number;
  /** Arrivals smaller than one seen before (measured for the demo; the naive receiver ignores order). */
  readonly outOfOrder: number;
  /** How long each arriving copy took, in ms (sender and receiver share the simulator's clock). */
  readonly latencies: readonly number[];
}

/** Sends `count` items, one every `everyMs`, and forgets them: no numbers checked, no acks. */
export const NaiveSender = defineActor<{ readonly type: 'start'; readonly to: Address; readonly count: number; readonly everyMs: number }, void>({
  kind: 'demo.network.naive-sender',
  setup(ctx) {
    return {
      receive(start) {
        for (let seq = 1; seq <= start.count; seq++) ctx.setTimer((seq - 1) * start.everyMs, () => ctx.send(start.to, { type: 'item', seq, value: seq, sentAt: ctx.now() } satisfies StreamItem));
        return undefined;
      },
    };
  },
});

/** Adds up whatever arrives: a running sum, a count and the last value seen. */
export const NaiveReceiver = defineActor<StreamItem | { readonly type: 'report' }, void>({
  kind: 'demo.network.naive-receiver',
  setup(ctx) {
    let sum = 0;
    let count = 0;
    let last = 0;
    let highest = 0;
    let outOfOrder = 0;
    const latencies: number[] = [];
    return {
      receive(message): NaiveReport | undefined {
        if (message.type === 'report') return { sum, count, last, outOfOrder, latencies };
        sum += message.value;
        count++;
        last = message.value;
        if (message.seq < highest) outOfOrder++;
        highest = Math.max(highest, message.seq);
        latencies.push(ctx.now() - message.sentAt);
        return undefined;
      },
      inspect: () => ({ sum, count, latest: last, outOfOrder }),
    };
  },
});
