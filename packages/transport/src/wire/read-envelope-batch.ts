import { DecodeError, type ActorName, type Address, type Envelope, type NodeId } from '@faultline/core';
import {
  BATCH_HEADER, BATCH_MAGIC, BATCH_VERSION, ENVELOPE_FLAGS, HAS_REPLY_TO, HAS_STAMPS, HAS_VC, KIND_CODES, KIND_MASK,
  RAW_FRAME, RAW_PREFIX, RECORD_BASE, RECORD_REPLY_TO, RECORD_STAMPS,
} from './batch-layout.ts';
import { viewOf } from './bytes.ts';
import { NameCache } from './name-cache.ts';
import { unpackRange } from './msgpack.ts';
import { msgpackValueEnd } from './msgpack-scan.ts';
import { stampsOf } from './stamps.ts';

/** Where the entries of an envelope batch go, in send order. */
export interface BatchVisitor {
  /** A decoded envelope (its addresses may be shared with other envelopes of the same batch). */
  envelope(envelope: Envelope): void;
  /** A raw frame, the bytes [start, end) of `batch`, to decode on its own (`decodeEnvelope`). */
  frame(batch: Uint8Array, start: number, end: number): void;
  /** The batch, from this point on, cannot be decoded; `bytes` is how much of it is lost. Called at most once. */
  error(error: DecodeError, bytes: number): void;
  /** One entry's payload (or vector clock) cannot be decoded: only that entry, of `bytes` bytes, is lost. */
  entryError(error: DecodeError, bytes: number): void;
}

const nameCache = new NameCache();

/**
 * Decodes an envelope batch (see batch-layout.ts) with one msgpack call for all payloads, handing each
 * entry to `visit` in send order. A batch broken part-way delivers the entries before the break and
 * reports the rest as one error; a broken header or name table is one error for all. Should the one
 * msgpack call refuse the values, each is decoded on its own: an entry whose payload is bad (a Date
 * that no sender could encode, say) is reported alone and the others arrive (issue 21).
 */
export function readEnvelopeBatch(batch: Uint8Array, visit: BatchVisitor): void {
  const size = batch.length;
  try {
    readBatch(batch, visit);
  } catch (error) {
    if (!(error instanceof BatchBreak)) throw error;
    visit.error(error.decodeError, error.lost ?? size);
  }
}

/** A batch that stops decoding, with how many of its bytes are lost (undefined: all of them). */
class BatchBreak extends Error {
  readonly decodeError: DecodeError;
  readonly lost: number | undefined;
  constructor(decodeError: DecodeError, lost?: number) {
    super(decodeError.message);
    this.decodeError = decodeError;
    this.lost = lost;
  }
}

function fail(detail: string, lost?: number): never {
  throw new BatchBreak(new DecodeError(detail), lost);
}

function readBatch(batch: Uint8Array, visit: BatchVisitor): void {
  const size = batch.length;
  if (size < BATCH_HEADER) fail(`batch of ${size} bytes is shorter than its ${BATCH_HEADER}-byte header`);
  if (batch[0] !== BATCH_MAGIC) fail(`batch starts with ${String(batch[0])}, not the envelope batch mark ${BATCH_MAGIC}`);
  if (batch[1] !== BATCH_VERSION) fail(`batch format version ${String(batch[1])}, expected ${BATCH_VERSION}`);
  const view = viewOf(batch);
  const nameCount = view.getUint16(2, true);
  const entries = view.getUint32(4, true);
  const recordsEnd = BATCH_HEADER + view.getUint32(8, true);
  const namesEnd = recordsEnd + view.getUint32(12, true);
  const valuesEnd = namesEnd + view.getUint32(16, true);
  if (valuesEnd !== size) fail(`batch sections add up to ${valuesEnd} bytes, the batch has ${size}`);
  const names = readNames(batch, recordsEnd, namesEnd, nameCount);
  const values = valuesEnd > namesEnd ? unpackValues(batch, namesEnd, valuesEnd) : [];

  // Consecutive envelopes of a batch mostly share their addresses: reuse the objects while they do.
  let fromKey = -1;
  let toKey = -1;
  let from: Address | undefined;
  let to: Address | undefined;
  let at = BATCH_HEADER;
  let next = 0;
  let entry = 0;
  for (; at < recordsEnd; entry++) {
    const flags = batch[at] as number;
    if (flags === RAW_FRAME) {
      if (at + RAW_PREFIX > recordsEnd) fail(`raw frame ${entry} overruns the batch's records`, recordsEnd - at);
      const end = at + RAW_PREFIX + view.getUint32(at + 1, true);
      if (end > recordsEnd) fail(`raw frame ${entry} overruns the batch's records`, recordsEnd - at);
      visit.frame(batch, at + RAW_PREFIX, end);
      at = end;
      continue;
    }
    const hasReplyTo = (flags & HAS_REPLY_TO) !== 0;
    const hasStamps = (flags & HAS_STAMPS) !== 0;
    const hasVc = (flags & HAS_VC) !== 0;
    if ((flags & ~ENVELOPE_FLAGS) !== 0 || (hasVc && !hasStamps)) fail(`bad record flags ${flags} for entry ${entry}`, recordsEnd - at);
    const end = at + RECORD_BASE + (hasReplyTo ? RECORD_REPLY_TO : 0) + (hasStamps ? RECORD_STAMPS : 0);
    if (end > recordsEnd) fail(`record ${entry} overruns the batch's records`, recordsEnd - at);
    const broken = values[next] instanceof BatchBreak ? values[next] : hasVc && values[next + 1] instanceof BatchBreak ? values[next + 1] : undefined;
    if (broken !== undefined) throw new BatchBreak((broken as BatchBreak).decodeError, recordsEnd - at);
    if (next + (hasVc ? 2 : 1) > values.length) fail(`record ${entry} has no payload in the batch's values`, recordsEnd - at);
    const id = view.getFloat64(at + 9, true);
    if (!Number.isSafeInteger(id)) fail(`envelope id ${id} is not a whole number`, recordsEnd - at);
    const fk = view.getUint32(at + 1, true);
    if (fk !== fromKey || from === undefined) {
      from = addressOf(names, view.getUint16(at + 1, true), view.getUint16(at + 3, true));
      fromKey = fk;
    }
    const tk = view.getUint32(at + 5, true);
    if (tk !== toKey || to === undefined) {
      to = addressOf(names, view.getUint16(at + 5, true), view.getUint16(at + 7, true));
      toKey = tk;
    }
    if (from === undefined || to === undefined) fail(`record ${entry} names an index past the batch's ${names.length} names`, recordsEnd - at);
    let p = at + RECORD_BASE;
    let replyTo: number | undefined;
    if (hasReplyTo) {
      replyTo = view.getFloat64(p, true);
      p += RECORD_REPLY_TO;
    }
    const payload = values[next++];
    const vc = hasVc ? values[next++] : undefined;
    const bad = payload instanceof BadValue ? payload : vc instanceof BadValue ? vc : undefined;
    if (bad !== undefined) {
      at = end;
      visit.entryError(bad.error, bad.bytes);
      continue;
    }
    let stamps: Envelope['stamps'];
    if (hasStamps) {
      try {
        stamps = stampsOf(view.getFloat64(p, true), view.getFloat64(p + 8, true), view.getUint16(p + 16, true), vc);
      } catch (error) {
        throw new BatchBreak(error as DecodeError, recordsEnd - at);
      }
    }
    at = end;
    visit.envelope({ from, to, kind: KIND_CODES[flags & KIND_MASK] as Envelope['kind'], id, replyTo, payload, stamps });
  }
  if (entry !== entries) fail(`batch header counts ${entries} entries, its records hold ${entry}`);
  if (next !== values.length) fail(`${values.length - next} values in the batch belong to no record`);
}

function readNames(batch: Uint8Array, start: number, end: number, count: number): string[] {
  const names: string[] = [];
  let at = start;
  try {
    for (let i = 0; i < count; i++) {
      const length = batch[at] as number;
      if (at + 1 + length > end) fail(`the batch's name table overruns its ${end - start} bytes`);
      names.push(nameCache.read(i, batch, at + 1, length));
      at += 1 + length;
    }
  } catch (error) {
    if (error instanceof BatchBreak) throw error;
    fail('a name in the batch is not valid UTF-8');
  }
  if (at !== end) fail(`${end - at} stray bytes after the batch's ${count} names`);
  return names;
}

function unpackValues(batch: Uint8Array, start: number, end: number): unknown[] {
  let values: unknown;
  try {
    values = unpackRange(batch, start, end, 'the batch\'s values');
  } catch {
    return unpackEach(batch, start, end);
  }
  if (!Array.isArray(values)) fail('the batch\'s values are not a msgpack array');
  return values;
}

/** A value of the batch that does not decode: its entry is lost alone. */
class BadValue {
  readonly error: DecodeError;
  readonly bytes: number;
  constructor(error: DecodeError, bytes: number) {
    this.error = error;
    this.bytes = bytes;
  }
}

/**
 * Decodes the values array one element at a time (the slow path, taken only when the whole array is
 * refused): a bad element becomes a BadValue; a structure that overruns ends the values with a
 * BatchBreak, so the entries before it arrive and the rest are reported lost.
 */
function unpackEach(batch: Uint8Array, start: number, end: number): unknown[] {
  const view = viewOf(batch);
  const head = batch[start] as number;
  let count: number;
  let at = start + 1;
  if (head >= 0x90 && head <= 0x9f) count = head & 0x0f;
  else if (head === 0xdc && end - start >= 3) { count = view.getUint16(start + 1); at += 2; }
  else if (head === 0xdd && end - start >= 5) { count = view.getUint32(start + 1); at += 4; }
  else return fail('the batch\'s values are not a msgpack array');
  if (count > end - at) fail(`the batch's values claim ${count} items, more than the ${end - at} bytes left`);
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const what = `the batch's value ${i}`;
    let valueEnd: number;
    try {
      valueEnd = msgpackValueEnd(batch, at, end, what);
    } catch (error) {
      values.push(new BatchBreak(error as DecodeError)); // the entries before it still arrive
      return values;
    }
    try {
      values.push(unpackRange(batch, at, valueEnd, what));
    } catch (error) {
      values.push(new BadValue(error as DecodeError, valueEnd - at));
    }
    at = valueEnd;
  }
  if (at !== end) fail(`${end - at} stray bytes after the batch's ${count} values`);
  return values;
}

function addressOf(names: readonly string[], node: number, name: number): Address | undefined {
  const n = names[node];
  const a = names[name];
  return n === undefined || a === undefined ? undefined : { node: n as NodeId, name: a as ActorName };
}
