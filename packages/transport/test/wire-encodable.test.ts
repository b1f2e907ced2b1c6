import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodeError } from '@faultline/core';
import { assertEncodable, cloneEncodable, decodeEnvelope, encodeEnvelope } from '../src/index.ts';

describe('cloneEncodable, the snapshot a message is taken as at send', () => {
  it('copies a Buffer rather than sharing its memory (Buffer#slice is a view), as a plain Uint8Array', () => {
    const bytes = Buffer.from([1, 2, 3]);
    const copy = cloneEncodable({ bytes });
    bytes[0] = 9;
    expect([...copy.bytes]).toEqual([1, 2, 3]);
    expect(copy.bytes.constructor).toBe(Uint8Array);
  });

  it('copies plain objects, arrays, byte arrays and dates all the way down', () => {
    const message = { list: [{ n: 1 }], raw: new Uint8Array([1]), at: new Date(5) };
    const copy = cloneEncodable(message);
    message.list[0]!.n = 2;
    message.raw[0] = 2;
    message.at.setTime(6);
    expect(copy).toEqual({ list: [{ n: 1 }], raw: new Uint8Array([1]), at: new Date(5) });
  });

  it('says where a bad value is, for the check and the copy alike', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const cases: Array<[unknown, string | RegExp]> = [
      [{ a: [1, { f: () => 1 }] }, 'message.a[1].f is a function; messages must be plain data'],
      [{ m: new Map() }, 'message.m is a Map; messages must be plain objects, arrays and primitives'],
      [[Symbol('s')], 'message[0] is a symbol; messages must be plain data'],
      [{ n: 2n ** 64n }, 'message.n is a bigint wider than 64 bits'],
      [cyclic, /^message cannot be sent: message(\.self)+ nests deeper than 64 levels/],
    ];
    for (const [value, message] of cases) {
      for (const check of [assertEncodable, cloneEncodable]) {
        expect(() => check(value)).toThrow(EncodeError);
        expect(() => check(value)).toThrow(typeof message === 'string' ? `message cannot be sent: ${message}` : message);
      }
    }
  });
});

// The copy every simulated send takes has its own specialised walk (issue 27 item 2): it must accept
// and refuse exactly what the check does, and give what crossing the wire as msgpack gives.
describe('the copy agrees with the check and with the wire', () => {
  const leaf = fc.oneof(
    fc.integer(), fc.double(), fc.constant(-0), fc.string(), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n + 5n }), fc.constant('\ud800'), fc.date({ noInvalidDate: false }),
    fc.uint8Array({ maxLength: 4 }), fc.constant(new Map()), fc.constant(() => 1),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__'), fc.constant('\udc00')), tie('node'), { maxKeys: 4 })),
  })).node;

  it('copies what the check accepts, as msgpack would deliver it, and refuses what it refuses, with the same error', () => {
    fc.assert(fc.property(value, (v) => {
      let checkError: unknown;
      try { assertEncodable(v); } catch (error) { checkError = error; }
      let copy: unknown;
      let copyError: unknown;
      try { copy = cloneEncodable(v); } catch (error) { copyError = error; }
      if (checkError !== undefined) {
        expect(copyError).toBeInstanceOf(EncodeError);
        expect((copyError as Error).message).toBe((checkError as Error).message);
        return;
      }
      expect(copyError).toBeUndefined();
      const from = { node: 'a', name: 'x' } as never;
      const wired = decodeEnvelope(encodeEnvelope({ from, to: from, kind: 'tell', id: 1, payload: v })).payload;
      expect(copy).toStrictEqual(wired);
    }), { seed: 27, numRuns: 3000 });
  });
});
