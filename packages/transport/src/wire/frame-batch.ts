import { DecodeError } from '@faultline/core';

// The envelope batch (one encoding per batch rather than per frame) is exported with the plain frame
// batch it extends: the worker mesh sends envelope batches, and still reads plain ones (injected input).
export { EnvelopeBatch, type RejectedEntry } from './envelope-batch.ts';
export { readEnvelopeBatch, type BatchVisitor } from './read-envelope-batch.ts';
export { isEnvelopeBatch } from './batch-layout.ts';

/**
 * Collects encoded frames for one destination into a single buffer of
 * `[u32 length][bytes]...` so a whole batch crosses a MessagePort in one postMessage.
 */
export class FrameBatch {
  private buffer = new Uint8Array(4096);
  private view = new DataView(this.buffer.buffer);
  private length = 0;
  /** Frames in the batch. */
  count = 0;

  append(frame: Uint8Array): void {
    const needed = this.length + 4 + frame.length;
    if (needed > this.buffer.length) this.grow(needed);
    this.view.setUint32(this.length, frame.length);
    this.buffer.set(frame, this.length + 4);
    this.length = needed;
    this.count++;
  }

  get byteLength(): number {
    return this.length;
  }

  /** Returns the batch as a buffer the caller owns (safe to transfer) and starts a new one. */
  take(): Uint8Array {
    const out = this.buffer.slice(0, this.length);
    this.length = 0;
    this.count = 0;
    return out;
  }

  private grow(needed: number): void {
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }
}

/**
 * Calls `onFrame(batch, start, end)` for each frame of a batch (offsets, not copies or views: a
 * decoder reads the batch in place); a broken length prefix ends the batch with `onError`.
 */
export function forEachFrame(batch: Uint8Array, onFrame: (batch: Uint8Array, start: number, end: number) => void, onError: (error: DecodeError) => void): void {
  const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
  let offset = 0;
  while (offset < batch.length) {
    if (offset + 4 > batch.length) return onError(new DecodeError(`truncated length prefix at byte ${offset}`));
    const size = view.getUint32(offset);
    if (offset + 4 + size > batch.length) return onError(new DecodeError(`frame of ${size} bytes overruns the batch at byte ${offset}`));
    onFrame(batch, offset + 4, offset + 4 + size);
    offset += 4 + size;
  }
}
