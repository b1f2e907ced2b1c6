import type { Address } from './ids.ts';
import type { HlcTimestamp } from './clock/hlc-timestamp.ts';

/** What an envelope carries: a one-way message, a request, or the answer to one. */
export type EnvelopeKind = 'tell' | 'ask' | 'reply' | 'fail';

/** Clock stamps a sender attaches; filled by the clocks layer, empty until then. */
export interface ClockStamps {
  /** Sender's Lamport time at send. */
  lamport?: number;
  /** Sender's hybrid logical clock (use `packHlc` for one comparable 64-bit value). */
  hlc?: HlcTimestamp;
  /** Sender's vector clock, when vector stamping is enabled. */
  vc?: Record<string, number>;
}

/** One message on its way from one actor to another. */
export interface Envelope {
  readonly from: Address;
  readonly to: Address;
  readonly kind: EnvelopeKind;
  /** Unique per sending node; asks are matched to replies by it. */
  readonly id: number;
  /** For `reply` and `fail`: the id of the ask being answered. */
  readonly replyTo?: number;
  /** The user's message (for `fail`: a {@link FailurePayload}). */
  readonly payload: unknown;
  /** Clock stamps, when the clocks layer is on. */
  stamps?: ClockStamps;
}

/** The body of a `fail` envelope: a definite failure reported by the receiving side. */
export interface FailurePayload {
  readonly code: string;
  readonly message: string;
}
