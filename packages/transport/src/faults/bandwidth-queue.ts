import { HeadQueue } from '@faultline/core';

/** The outcome of offering a frame to a capped link. */
export type QueueOffer =
  | { readonly kind: 'queued'; readonly delayMs: number; readonly waitedMs: number }
  | { readonly kind: 'full' };

/**
 * One capped directed link: frames are sent one after another at the link's rate. A frame that
 * finds the link idle starts at once; otherwise it waits behind the frames not yet sent. At most
 * `queueFrames` may wait (the frame on the wire does not count); one more is dropped.
 */
export class BandwidthQueue {
  /** Times at which queued frames finish sending, ascending. */
  private readonly departures = new HeadQueue<number>();

  offer(nowMs: number, bytes: number, bytesPerSecond: number, queueFrames: number): QueueOffer {
    for (let d = this.departures.peek(); d !== undefined && d <= nowMs; d = this.departures.peek()) this.departures.shift();
    const inFlight = this.departures.length;
    if (inFlight > queueFrames) return { kind: 'full' };
    const start = inFlight === 0 ? nowMs : (this.departures.last() as number);
    const done = start + (bytes * 1000) / bytesPerSecond;
    this.departures.push(done);
    return { kind: 'queued', delayMs: done - nowMs, waitedMs: start - nowMs };
  }
}
