import { sample, type Rng } from '@faultline/core';
import type { LinkFault } from './link-fault.ts';
import type { Packet } from './link-layer.ts';
import { PASS, type Verdict } from './verdict.ts';
import { corruptBytes } from './corrupt.ts';
import type { BandwidthQueue } from './bandwidth-queue.ts';

/** What a rule may use while judging one frame on one link. */
export interface JudgeContext {
  readonly nowMs: number;
  /** The link's own random stream. */
  readonly rng: Rng;
  /** The link's queue for this rule (bandwidth rules only). */
  queue(): BandwidthQueue;
}

/** Applies one fault to one frame. Draws from the link's stream only as the fault needs. */
export function judge(f: LinkFault, packet: Packet, ctx: JudgeContext): Verdict {
  const { rng } = ctx;
  switch (f.kind) {
    case 'drop':
      return rng.chance(f.probability) ? { kind: 'drop', reason: 'drop' } : PASS;
    case 'delay': {
      if (f.probability !== undefined && f.probability < 1 && !rng.chance(f.probability)) return PASS;
      const jitter = f.jitterMs ? (2 * rng.next() - 1) * f.jitterMs : 0;
      return { kind: 'delay', extraMs: Math.max(0, sample(f.distribution, rng) + jitter) };
    }
    case 'duplicate':
      return rng.chance(f.probability) ? { kind: 'duplicate', copies: f.copies ?? 1 } : PASS;
    case 'reorder':
      return rng.chance(f.probability) ? { kind: 'reorder', extraMs: sample(f.distribution, rng) } : PASS;
    case 'bandwidth': {
      const offer = ctx.queue().offer(ctx.nowMs, packet.bytes.length, f.bytesPerSecond, f.queueFrames);
      if (offer.kind === 'full') return { kind: 'drop', reason: 'queue-full' };
      return { kind: 'throttle', extraMs: offer.delayMs, waitedMs: offer.waitedMs };
    }
    case 'corrupt':
      if (!rng.chance(f.probability)) return PASS;
      return { kind: 'corrupt', bytes: corruptBytes(packet.bytes, f.bytes ?? 1, f.where ?? 'any', rng) };
    case 'block':
      return { kind: 'drop', reason: 'block' };
    default: {
      const never: never = f;
      throw new Error(`unhandled fault ${String(never)}`);
    }
  }
}
