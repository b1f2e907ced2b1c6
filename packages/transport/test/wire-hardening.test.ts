import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { address, DecodeError, EncodeError, envelopeProblem, type Envelope } from '@faultline/core';
import { assertEncodable, decodeEnvelope, encodeEnvelope, EnvelopeBatch, readEnvelopeBatch, type RejectedEntry } from '../src/index.ts';
import { scanMsgpack } from '../src/wire/msgpack-scan.ts';

const envelope = (payload: unknown, id: number, kind: Envelope['kind'] = 'tell'): Envelope => ({
  from: address('a', 'src'), to: address('b', 'dst'), kind, id, payload,
  ...(kind === 'reply' || kind === 'fail' ? { replyTo: id - 1 } : {}),
  stamps: { lamport: id, hlc: { l: 1_700_000_000_000 + id, c: 1 } },
});

const manyKeys = (n: number): Record<string, number> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

// Issue 9, item 4: a 70k-key object passed the send-time check, msgpackr refused it when the batch was
// encoded, and the worker mesh dropped the whole batch (the other messages too) without a word.
describe('a batch costs only the message msgpack refuses, and says which', () => {
  // Issue 21: new Date(NaN) passed the send-time check, then the receiver's decoder refused it.
  it('refuses an invalid Date at send, naming where it is', () => {
    expect(() => assertEncodable({ at: [new Date(Number.NaN)] })).toThrow(new EncodeError('message.at[0] is an invalid Date (its time is NaN), which the wire cannot carry; send a valid Date or a number'));
    expect(() => assertEncodable({ at: new Date(8.64e15), before: new Date(-8.64e15) })).not.toThrow();
  });

  it('refuses 70,000 keys at send, as the encoder would', () => {
    expect(() => assertEncodable({ big: manyKeys(70_000) })).toThrow(EncodeError);
    expect(() => assertEncodable(manyKeys(65_535))).not.toThrow();
  });

  it('leaves out only the refused entry when one slips into a batch, and reports it', () => {
    const batch = new EnvelopeBatch();
    batch.append(envelope('first', 1), 'first');
    batch.append(envelope('bad', 2), manyKeys(70_000)); // appended without the send-time check
    batch.append(envelope('third', 3), 'third');
    const rejected: RejectedEntry[] = [];
    const bytes = batch.take((r) => rejected.push(r));
    const got: unknown[] = [];
    readEnvelopeBatch(bytes, { envelope: (e) => got.push(e.payload), frame: () => {}, error: (e) => got.push(e), entryError: (e) => got.push(e) });
    expect(got).toEqual(['first', 'third']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ from: { node: 'a', name: 'src' }, to: { node: 'b', name: 'dst' } });
    expect(rejected[0]?.error).toBeInstanceOf(EncodeError);
  });
});

// Issue 9, item 6: msgpackr allocates `new Array(count)` straight from an array32 header: a 121-byte
// frame took up to 3.9 s and +140 MB to reject. Headers are now checked against the bytes left first.
describe('decoding work is bounded by the size of the input', () => {
  const withPayloadBytes = (payloadBytes: number[]): Uint8Array => {
    const frame = encodeEnvelope(envelope(null, 7));
    const out = new Uint8Array(frame.length - 1 + payloadBytes.length);
    out.set(frame.subarray(0, frame.length - 1));
    out.set(payloadBytes, frame.length - 1);
    new DataView(out.buffer).setUint32(40, payloadBytes.length, true);
    return out;
  };

  it('rejects an array32 header claiming 4 billion items in a tiny frame before msgpackr sees it', () => {
    const frame = withPayloadBytes([0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0, 0xc0]);
    expect(() => decodeEnvelope(frame)).toThrow(/payload is not msgpack the wire writes: array header claims 4294967295 items, more than the 2 bytes left/);
  });

  it('rejects map32 and str32 headers that overrun, nesting past 100 levels, and the unused byte 0xc1', () => {
    expect(() => scanMsgpack(Uint8Array.of(0xdf, 0, 1, 0, 0, 1), 0, 6, 'v')).toThrow(/map header claims 131072 items/);
    expect(() => scanMsgpack(Uint8Array.of(0xdb, 0xff, 0, 0, 0, 0x61), 0, 6, 'v')).toThrow(/data of 4278190080 bytes overruns/);
    const deep = new Uint8Array(150).fill(0x91);
    expect(() => scanMsgpack(deep, 0, deep.length, 'v')).toThrow(/nesting deeper than 100 levels/);
    expect(() => scanMsgpack(Uint8Array.of(0xc1), 0, 1, 'v')).toThrow(/byte 0xc1 starts no msgpack value/);
  });

  it('rejects ext types no sender writes (a msgpackr Set, an Error), so a frame cannot conjure them', () => {
    expect(() => scanMsgpack(Uint8Array.of(0xd4, 0x73, 0x90), 0, 3, 'v')).toThrow(/ext type 115/);
    expect(() => decodeEnvelope(withPayloadBytes([0xc7, 0x01, 0x65, 0x90]))).toThrow(DecodeError);
  });

  it('accepts everything the encoder writes', () => {
    const values = [null, undefined, true, 1.5, -7, 2 ** 40, 2n ** 63n, -(2n ** 63n), 'x'.repeat(70_000), new Uint8Array(300), new Date(5), [1, [2, [3]]], manyKeys(65_535), { a: { b: undefined } }];
    for (const v of values) expect(decodeEnvelope(encodeEnvelope(envelope(v, 3))).payload).toEqual(v);
  });
});

/** A byte mutation: set, flip a bit, truncate, or insert. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 6 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.op === 'set') out[at] = m.byte;
    else if (m.op === 'flip') out[at] = (out[at] as number) ^ (1 << m.bit);
    else if (m.op === 'cut') out = out.slice(0, at);
    else out = Uint8Array.from([...out.subarray(0, at), ...m.bytes, ...out.subarray(at)]);
  }
  return out;
}

const PAYLOADS: unknown[] = [undefined, null, 'hello', { a: [1, 2, { b: 'c' }] }, [1n, new Date(1), new Uint8Array([1, 2])], { code: 'x', message: 'y', definite: false }];
const FRAMES = PAYLOADS.flatMap((p, i) => (['tell', 'ask', 'reply', 'fail'] as const).map((k) => encodeEnvelope(envelope(p, 10 + i, k))));
const BATCH = (() => {
  const b = new EnvelopeBatch();
  PAYLOADS.forEach((p, i) => b.append(envelope(p, 20 + i, i % 2 === 0 ? 'tell' : 'reply'), p));
  b.appendFrame(FRAMES[0] as Uint8Array);
  return b.take();
})();

/** Decodes and validates as a node does; any throw but a DecodeError escapes. */
function receiveFrame(bytes: Uint8Array): void {
  try {
    envelopeProblem(decodeEnvelope(bytes));
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
}

// A seeded, CI-sized version of packages/bench/src/hardening/decoder-fuzz.ts (which runs 1M of each).
describe('mutated frames and batches never escape as anything but a DecodeError (seeded fuzz)', () => {
  it('frames', () => {
    fc.assert(fc.property(fc.nat(FRAMES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (i, ms) => {
      receiveFrame(mutate(FRAMES[i] as Uint8Array, ms));
    }), { seed: 9, numRuns: 4000 });
  });

  it('batches', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      readEnvelopeBatch(mutate(BATCH, ms), {
        envelope: (e) => envelopeProblem(e),
        frame: (b, start, end) => receiveFrame(b.slice(start, end)),
        error: () => {},
        entryError: () => {},
      });
    }), { seed: 9, numRuns: 4000 });
  });
});
