import { createWriteStream, type WriteStream } from 'node:fs';

/** Bytes of one node's stderr kept per run; the rest is counted, not written. */
export const STDERR_CAP_BYTES = 8 * 1024 * 1024;

/** Bytes of `protocol-errors.log` kept per run; later violations are counted, not written. */
export const PROTOCOL_LOG_CAP_BYTES = 1024 * 1024;

/**
 * An append-only file with a byte cap, written through one buffered stream (never one synchronous
 * append per line). Past the cap, writes are counted and dropped; `close` ends the file with a
 * line saying how much was left out. Without a path it only counts.
 */
export class BoundedLog {
  /** Bytes written to the file (the trailer excluded). */
  written = 0;
  /** Bytes and writes dropped past the cap. */
  droppedBytes = 0;
  droppedWrites = 0;
  private stream: WriteStream | undefined;
  private closed = false;

  private readonly path: string | undefined;
  readonly capBytes: number;

  /** `openNow`: create the file at once (an empty stderr file says the program wrote nothing); else on the first write. */
  constructor(path: string | undefined, capBytes: number, openNow = false) {
    this.path = path;
    this.capBytes = capBytes;
    if (path !== undefined && openNow) this.stream = createWriteStream(path, { flags: 'a' });
  }

  /** Appends `chunk` while under the cap (a chunk that crosses it is cut at the cap). */
  write(chunk: string | Buffer): void {
    if (this.closed) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const room = this.capBytes - this.written;
    if (room <= 0) {
      this.droppedBytes += bytes.length;
      this.droppedWrites++;
      return;
    }
    const kept = bytes.length <= room ? bytes : bytes.subarray(0, room);
    if (kept.length < bytes.length) {
      this.droppedBytes += bytes.length - kept.length;
      this.droppedWrites++;
    }
    this.written += kept.length;
    if (this.path === undefined) return;
    this.stream ??= createWriteStream(this.path, { flags: 'a' });
    this.stream.write(kept);
  }

  /** Writes the truncation note (if anything was dropped) and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.droppedBytes > 0 && this.path !== undefined) {
      this.stream ??= createWriteStream(this.path, { flags: 'a' });
      this.stream.write(`\n[faultline] cut at ${this.capBytes} bytes: ${this.droppedBytes} more bytes in ${this.droppedWrites} writes were dropped\n`);
    }
    const s = this.stream;
    if (s) await new Promise<void>((resolve) => s.end(resolve));
  }
}
