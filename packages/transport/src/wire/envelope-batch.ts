import { address, EncodeError, type Address, type Envelope } from '@faultline/core';
import {
  BATCH_HEADER, BATCH_MAGIC, BATCH_VERSION, HAS_REPLY_TO, HAS_STAMPS, HAS_VC, RAW_FRAME, RAW_PREFIX,
  RECORD_BASE, RECORD_REPLY_TO, RECORD_STAMPS,
} from './batch-layout.ts';
import { copyBytes } from './bytes.ts';
import { packRange, packValue } from './msgpack.ts';
import { NameTable } from './name-table.ts';

/** An entry `take` left out because msgpack refused its payload: who sent it to whom, and why. */
export interface RejectedEntry {
  readonly from: Address;
  readonly to: Address;
  readonly error: EncodeError;
}

/** Record bytes past which a batch asks to be sent before it grows further: about 15,000 envelopes, so a receiver decodes one within a few ms and stays responsive (it decodes a batch whole). */
const FULL_AT_BYTES = 256 * 1024;

/**
 * Collects what one node sends another in one job — envelopes, and raw frames (ones the network
 * model read or altered) — and encodes them as one envelope batch (see batch-layout.ts): headers as binary records
 * as they come, every payload in a single msgpack call at `take`, so per-call encoding costs are paid
 * once per batch rather than once per message.
 *
 * Payloads are held by reference until `take`: hand `append` a snapshot (`cloneEncodable`) that
 * nothing else will mutate.
 */
export class EnvelopeBatch {
  private buffer = new Uint8Array(4096);
  private view = new DataView(this.buffer.buffer);
  private length = BATCH_HEADER;
  private values: unknown[] = [];
  private readonly names = new NameTable();
  // The last name seen in each of the 4 name slots and its index: a batch's names rarely change.
  private readonly lastName: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  private readonly lastIndex: number[] = [0, 0, 0, 0];
  /** Entries (envelopes and raw frames) in the batch. */
  count = 0;

  /**
   * Appends an envelope whose payload is `payload` (the caller's snapshot of `envelope.payload`).
   * Throws EncodeError, appending nothing, for a name over 255 UTF-8 bytes or an unknown kind.
   */
  append(envelope: Envelope, payload: unknown): void {
    let flags = kindCode(envelope.kind);
    const fromNode = this.nameIndex(0, envelope.from.node, 'from node');
    const fromName = this.nameIndex(1, envelope.from.name, 'from actor');
    const toNode = this.nameIndex(2, envelope.to.node, 'to node');
    const toName = this.nameIndex(3, envelope.to.name, 'to actor');
    const replyTo = envelope.replyTo;
    const stamps = envelope.stamps;
    const vc = stamps?.vc;
    let size = RECORD_BASE;
    if (replyTo !== undefined) {
      flags |= HAS_REPLY_TO;
      size += RECORD_REPLY_TO;
    }
    if (stamps !== undefined) {
      flags |= HAS_STAMPS;
      size += RECORD_STAMPS;
      if (vc !== undefined) flags |= HAS_VC;
    }
    const at = this.reserve(size);
    const v = this.view;
    this.buffer[at] = flags;
    v.setUint16(at + 1, fromNode, true);
    v.setUint16(at + 3, fromName, true);
    v.setUint16(at + 5, toNode, true);
    v.setUint16(at + 7, toName, true);
    v.setFloat64(at + 9, envelope.id, true);
    let p = at + RECORD_BASE;
    if (replyTo !== undefined) {
      v.setFloat64(p, replyTo, true);
      p += RECORD_REPLY_TO;
    }
    if (stamps !== undefined) {
      const hlc = stamps.hlc;
      v.setFloat64(p, stamps.lamport ?? -1, true);
      v.setFloat64(p + 8, hlc === undefined ? -1 : hlc.l, true);
      v.setUint16(p + 16, hlc === undefined ? 0 : hlc.c, true);
    }
    this.values.push(payload);
    if (vc !== undefined) this.values.push(vc);
    this.count++;
  }

  /** Appends an already encoded frame (say, one the network model read or corrupted); the receiver decodes it on its own. */
  appendFrame(frame: Uint8Array): void {
    const at = this.reserve(RAW_PREFIX + frame.length);
    this.buffer[at] = RAW_FRAME;
    this.view.setUint32(at + 1, frame.length, true);
    this.buffer.set(frame, at + RAW_PREFIX);
    this.count++;
  }

  /** True when the batch should be sent before anything more is appended (its name table or size is at the limit). */
  get isFull(): boolean {
    return this.names.lacksRoomFor(4) || this.length >= FULL_AT_BYTES;
  }

  /**
   * Encodes the batch into a buffer the caller owns (safe to transfer) and starts a new one. Should
   * msgpack refuse a payload (one that passed `assertEncodable` never is), only that entry is left out
   * and handed to `rejected`; the rest go. The batch is emptied either way.
   */
  take(rejected?: (entry: RejectedEntry) => void): Uint8Array {
    try {
      let values: ReturnType<typeof packRange> | undefined;
      try {
        values = this.values.length === 0 ? undefined : packRange(this.values);
      } catch {
        this.dropUnencodable(rejected);
        values = this.values.length === 0 ? undefined : packRange(this.values);
      }
      const valuesLength = values === undefined ? 0 : values.end - values.start;
      const recordsEnd = this.length;
      const names = this.names.byteLength;
      const v = this.view;
      this.buffer[0] = BATCH_MAGIC;
      this.buffer[1] = BATCH_VERSION;
      v.setUint16(2, this.names.size, true);
      v.setUint32(4, this.count, true);
      v.setUint32(8, recordsEnd - BATCH_HEADER, true);
      v.setUint32(12, names, true);
      v.setUint32(16, valuesLength, true);
      const out = new Uint8Array(recordsEnd + names + valuesLength);
      copyBytes(out, 0, this.buffer, 0, recordsEnd);
      this.names.writeTo(out, recordsEnd);
      if (values !== undefined) copyBytes(out, recordsEnd + names, values.bytes, values.start, values.end);
      return out;
    } finally {
      this.clear();
    }
  }

  /** Empties the batch, encoding nothing; returns how many entries were dropped. */
  clear(): number {
    const dropped = this.count;
    this.length = BATCH_HEADER;
    this.values = [];
    this.names.clear();
    const last = this.lastName;
    last[0] = last[1] = last[2] = last[3] = undefined;
    this.count = 0;
    return dropped;
  }

  /** Rewrites the records and values without the entries whose payload (or vector clock) msgpack refuses. */
  private dropUnencodable(rejected: ((entry: RejectedEntry) => void) | undefined): void {
    const old = this.buffer;
    const oldView = this.view;
    const end = this.length;
    const oldValues = this.values;
    this.buffer = new Uint8Array(old.length);
    this.view = new DataView(this.buffer.buffer);
    this.length = BATCH_HEADER;
    this.values = [];
    let count = 0;
    let next = 0;
    for (let at = BATCH_HEADER; at < end;) {
      const flags = old[at] as number;
      if (flags === RAW_FRAME) {
        const size = RAW_PREFIX + oldView.getUint32(at + 1, true);
        copyBytes(this.buffer, this.reserve(size), old, at, at + size);
        at += size;
        count++;
        continue;
      }
      const stamped = (flags & HAS_STAMPS) !== 0;
      const size = RECORD_BASE + ((flags & HAS_REPLY_TO) !== 0 ? RECORD_REPLY_TO : 0) + (stamped ? RECORD_STAMPS : 0);
      const mine = oldValues.slice(next, next + ((flags & HAS_VC) !== 0 ? 2 : 1));
      next += mine.length;
      const error = firstRefusal(mine);
      if (error === undefined) {
        copyBytes(this.buffer, this.reserve(size), old, at, at + size);
        this.values.push(...mine);
        count++;
      } else {
        const name = (offset: number) => this.names.nameAt(oldView.getUint16(at + offset, true));
        rejected?.({ from: address(name(1), name(3)), to: address(name(5), name(7)), error });
      }
      at += size;
    }
    this.count = count;
  }

  private nameIndex(slot: number, name: string, field: string): number {
    if (this.lastName[slot] === name) return this.lastIndex[slot] as number;
    const index = this.names.intern(name, field);
    this.lastName[slot] = name;
    this.lastIndex[slot] = index;
    return index;
  }

  /** Makes room for `size` more record bytes and returns where they start. */
  private reserve(size: number): number {
    const at = this.length;
    const needed = at + size;
    if (needed > this.buffer.length) {
      let capacity = this.buffer.length * 2;
      while (capacity < needed) capacity *= 2;
      const next = new Uint8Array(capacity);
      next.set(this.buffer.subarray(0, at));
      this.buffer = next;
      this.view = new DataView(next.buffer);
    }
    this.length = needed;
    return at;
  }
}

/** The EncodeError msgpack gives for the first of `values` it refuses, or undefined. */
function firstRefusal(values: readonly unknown[]): EncodeError | undefined {
  for (const value of values) {
    try {
      packValue(value);
    } catch (error) {
      return error instanceof EncodeError ? error : new EncodeError(String(error));
    }
  }
  return undefined;
}

function kindCode(kind: Envelope['kind']): number {
  switch (kind) {
    case 'tell': return 0;
    case 'ask': return 1;
    case 'reply': return 2;
    case 'fail': return 3;
    default: throw new EncodeError(`envelope kind '${String(kind as unknown)}' is not one of tell, ask, reply, fail`);
  }
}
