import { readSync } from 'node:fs';
import { MAGIC, readRecord } from './record.ts';

const CHUNK_BYTES = 1024 * 1024;

/** Where replay stopped and why: the log was clean, ended in a torn record, or held a bad one. */
export type ReplayEnd =
  | { readonly kind: 'clean'; readonly offset: number }
  | { readonly kind: 'torn-tail' | 'corrupt'; readonly offset: number; readonly fileBytes: number; readonly detail: string };

/**
 * Streams the records of the log open at `fd` (size `fileBytes`) into `onRecord`, holding at most
 * one chunk plus the largest record in memory. Stops at the first record that is torn (the file ends
 * inside it) or corrupt (bad checksum, bad length, or a payload `onRecord` refuses by throwing), and
 * says where: everything before that offset was replayed, nothing after it.
 */
export function replayLog(fd: number, fileBytes: number, onRecord: (payload: Buffer, bytes: number) => void): ReplayEnd {
  if (fileBytes === 0) return { kind: 'clean', offset: 0 };
  let buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, MAGIC.length));
  let start = 0; // offset in buf of the next unread record
  let end = readAt(fd, buf, 0, 0, Math.min(buf.length, fileBytes));
  let base = 0; // file offset of buf[0]
  if (end < MAGIC.length || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    const kind = fileBytes < MAGIC.length && MAGIC.subarray(0, end).equals(buf.subarray(0, end)) ? 'torn-tail' : 'corrupt';
    return { kind, offset: 0, fileBytes, detail: 'the file does not start with the faultline storage header' };
  }
  start = MAGIC.length;
  for (;;) {
    const read = readRecord(buf, start, end);
    if (read.kind === 'record') {
      try {
        onRecord(read.payload, read.bytes);
      } catch (error) {
        return { kind: 'corrupt', offset: base + start, fileBytes, detail: `undecodable record: ${(error as Error).message}` };
      }
      start += read.bytes;
      continue;
    }
    if (read.kind === 'corrupt') return { kind: 'corrupt', offset: base + start, fileBytes, detail: read.reason };
    const fileLeft = fileBytes - (base + end);
    if (fileLeft === 0) {
      if (start === end) return { kind: 'clean', offset: base + start };
      return { kind: 'torn-tail', offset: base + start, fileBytes, detail: `the last record needs ${read.need} bytes, ${end - start} remain` };
    }
    // Move the partial record to the front, grow the buffer if one record needs more, and read on.
    const pending = end - start;
    if (read.need > buf.length) {
      const bigger = Buffer.allocUnsafe(read.need);
      buf.copy(bigger, 0, start, end);
      buf = bigger;
    } else {
      buf.copy(buf, 0, start, end);
    }
    base += start;
    start = 0;
    const got = readAt(fd, buf, pending, base + pending, Math.min(buf.length - pending, fileLeft));
    if (got === 0) return { kind: 'torn-tail', offset: base, fileBytes, detail: 'the file ended early while being read' };
    end = pending + got;
  }
}

function readAt(fd: number, buf: Buffer, at: number, position: number, length: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, at + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}
