import { describeValue } from '../errors.ts';
import { ClockValueError } from './errors.ts';

/** A Lamport timestamp: the counter plus the node that issued it, which breaks ties into a total order. */
export interface LamportTimestamp {
  readonly time: number;
  readonly node: string;
}

/**
 * Lamport's logical clock (Lamport 1978, "Time, Clocks, and the Ordering of Events in a Distributed
 * System", §3 rules IR1/IR2). A per-node object; the timestamps it hands out are plain data for messages.
 *
 * Gives the clock condition: if a happened before b then L(a) < L(b); with the node id as tie-breaker,
 * `compareLamport` is a total order consistent with causality.
 *
 * Does NOT give the converse: L(a) < L(b) does not mean a happened before b, so it cannot tell concurrent
 * events apart (use vector clocks); and its values say nothing about wall time.
 */
export class LamportClock {
  /** The node whose events this clock numbers. */
  readonly node: string;
  #time = 0;

  constructor(node: string) {
    this.node = node;
  }

  /** The counter of the last event, without creating one. */
  get time(): number {
    return this.#time;
  }

  /** Records a local event or a send (IR1): counter + 1. Put the result on the outgoing message. */
  tick(): LamportTimestamp {
    return { time: this.next(), node: this.node };
  }

  /** Records receipt of a message stamped `remote` (IR2): max(local, remote) + 1. */
  receive(remote: { readonly time: number }): LamportTimestamp {
    return { time: this.merge(remote.time), node: this.node };
  }

  /** `tick` as a bare counter: what a sender stamps on every message, with no timestamp object made. */
  next(): number {
    return this.#set(this.#time + 1);
  }

  /** `receive` of a bare remote counter; returns the new counter. */
  merge(t: number): number {
    if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) {
      throw new ClockValueError(`received Lamport time must be a non-negative safe integer, got ${describeValue(t)}`);
    }
    return this.#set(Math.max(this.#time, t) + 1);
  }

  #set(time: number): number {
    if (!Number.isSafeInteger(time)) {
      throw new ClockValueError(`Lamport time ${time} is beyond Number.MAX_SAFE_INTEGER`);
    }
    this.#time = time;
    return time;
  }
}

/** Orders by time, then node id: a total order in which a → b ⇒ a < b (Lamport 1978, §3 "⇒"). */
export function compareLamport(a: LamportTimestamp, b: LamportTimestamp): -1 | 0 | 1 {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}
