import { defineActor, type Address, type TimerId } from '@faultline/core';
import type { StreamItem } from './naive-stream.ts';

/** Cumulative acknowledgement: every item up to `upTo` has been delivered in order. */
export interface StreamAck {
  readonly type: 'ack';
  readonly upTo: number;
}

/** What the careful sender did. */
export interface SenderReport {
  readonly sent: number;
  readonly retransmissions: number;
  /** Items the receiver confirmed. */
  readonly acked: number;
  /** Items given up on after `maxTries` sends without an ack. */
  readonly unconfirmed: number;
}

/** What the careful receiver delivered to its application. */
export interface ReceiverReport {
  readonly delivered: readonly number[];
  readonly sum: number;
  readonly duplicatesDropped: number;
  /** Items that arrived early and waited in the reorder buffer. */
  readonly buffered: number;
}

/** Start a careful stream: retransmit an unacknowledged item after `rtoMs`, at most `maxTries` sends each. */
export interface CarefulStart {
  readonly type: 'start';
  readonly to: Address;
  readonly count: number;
  readonly everyMs: number;
  readonly rtoMs: number;
  readonly maxTries: number;
}

/** Sends numbered items, retransmitting each until acknowledged (or `maxTries` sends). */
export const CarefulSender = defineActor<CarefulStart | StreamAck | { readonly type: 'report' }, void>({
  kind: 'demo.network.careful-sender',
  setup(ctx) {
    let acked = 0;
    let sent = 0;
    let retransmissions = 0;
    let unconfirmed = 0;
    const timers = new Map<number, TimerId>();
    const transmit = (start: CarefulStart, seq: number, tries: number) => {
      if (seq <= acked) return;
      if (tries >= start.maxTries) {
        unconfirmed++;
        return;
      }
      sent++;
      if (tries > 0) retransmissions++;
      ctx.send(start.to, { type: 'item', seq, value: seq, sentAt: ctx.now() } satisfies StreamItem);
      timers.set(seq, ctx.setTimer(start.rtoMs, () => transmit(start, seq, tries + 1)));
    };
    return {
      receive(message): SenderReport | undefined {
        switch (message.type) {
          case 'start':
            for (let seq = 1; seq <= message.count; seq++) ctx.setTimer((seq - 1) * message.everyMs, () => transmit(message, seq, 0));
            return undefined;
          case 'ack':
            for (let seq = acked + 1; seq <= message.upTo; seq++) {
              const timer = timers.get(seq);
              if (timer !== undefined) ctx.cancelTimer(timer);
              timers.delete(seq);
            }
            acked = Math.max(acked, message.upTo);
            return undefined;
          case 'report':
            return { sent, retransmissions, acked, unconfirmed };
          default: {
            const never: never = message;
            return never;
          }
        }
      },
      // For the report's step mode: plain data only.
      inspect: () => ({ acked, sent, retransmissions, unconfirmed, awaitingAck: [...timers.keys()].sort((a, b) => a - b) }),
    };
  },
});

/** Delivers items in order exactly once: drops duplicates, buffers early ones, acknowledges cumulatively. */
export const CarefulReceiver = defineActor<StreamItem | { readonly type: 'report' }, void>({
  kind: 'demo.network.careful-receiver',
  setup(ctx) {
    const delivered: number[] = [];
    const early = new Map<number, StreamItem>();
    let duplicatesDropped = 0;
    let buffered = 0;
    return {
      receive(message, incoming): ReceiverReport | undefined {
        if (message.type === 'report') return { delivered, sum: delivered.reduce((a, b) => a + b, 0), duplicatesDropped, buffered };
        const next = delivered.length + 1;
        if (message.seq < next || early.has(message.seq)) duplicatesDropped++;
        else if (message.seq > next) {
          early.set(message.seq, message);
          buffered++;
        } else {
          delivered.push(message.value);
          for (let n = next + 1; early.has(n); n++) {
            delivered.push((early.get(n) as StreamItem).value);
            early.delete(n);
          }
        }
        ctx.send(incoming.from, { type: 'ack', upTo: delivered.length } satisfies StreamAck);
        return undefined;
      },
      inspect: () => ({ deliveredUpTo: delivered.length, sum: delivered.reduce((a, b) => a + b, 0), early: [...early.keys()].sort((a, b) => a - b), duplicatesDropped }),
    };
  },
});
