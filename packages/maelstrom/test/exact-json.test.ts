import { describe, expect, it } from 'vitest';
import { parseJsonExact, stringifyJsonExact, validateLine } from '../src/index.ts';

// Issue 21: snowflake-style 64-bit ids were read with JSON.parse, rounded, and reported as
// duplicates. Maelstrom reads them on the JVM as BigInteger; here they become bigint.
describe('JSON read and written exactly', () => {
  const big = '4611686018427387905'; // 2^62 + 1: JSON.parse rounds it to 2^62

  it('reads an integer past 2^53 - 1 as the exact bigint, wherever it sits', () => {
    expect(JSON.parse(big)).toBe(2 ** 62); // the rounding this replaces
    expect(parseJsonExact(`{"id":${big},"l":[-${big},1,2.5,1e300],"s":"${big}"}`)).toEqual({ id: 2n ** 62n + 1n, l: [-(2n ** 62n + 1n), 1, 2.5, 1e300], s: big });
  });

  it('keeps safe integers and non-integers as numbers', () => {
    expect(parseJsonExact('[9007199254740991,12345678901234567.5,1.0e20]')).toEqual([9007199254740991, 12345678901234567.5, 1e20]);
  });

  it('agrees with JSON.parse on texts whose long digit runs are safe, including escapes and __proto__', () => {
    // Each text holds a 16-digit run, so it takes the exact parser rather than JSON.parse.
    const texts = [
      '{"a":"\\u00e9\\n\\"q\\"\\\\","b":[true,false,null,{}],"c":[],"n":1234567890123456}',
      '  { "__proto__" : 1 , "x" : [ 0 , -0.5, 9007199254740991 ] }  ',
      `{"long":"${'x'.repeat(100000)}","n":-1234567890123456.25e-3}`,
    ];
    for (const t of texts) expect(parseJsonExact(t)).toEqual(JSON.parse(t));
    const withProto = parseJsonExact(`{"__proto__":{"polluted":1},"n":${big}}`) as Record<string, unknown>;
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
    expect(Object.keys(withProto)).toEqual(['__proto__', 'n']);
  });

  it.each(['{"a":1,}', '[1 2]', `[${big}`, `{"a":${big}} x`, `"${big}`, `[${big}, 01]`, '{"a":"\u0001"} 1234567890123456'])('refuses malformed JSON %j with a SyntaxError', (text) => {
    expect(() => parseJsonExact(text)).toThrow(SyntaxError);
  });

  it('writes a bigint back as its digits, and plain values as JSON.stringify does', () => {
    expect(stringifyJsonExact({ id: 2n ** 62n + 1n, l: [1, -(2n ** 64n)], u: undefined, s: 'x' })).toBe(`{"id":${big},"l":[1,-18446744073709551616],"s":"x"}`);
    expect(stringifyJsonExact({ a: [1, 'b', null] })).toBe(JSON.stringify({ a: [1, 'b', null] }));
    const text = `{"src":"n0","dest":"c1","body":{"type":"generate_ok","id":${big},"in_reply_to":1}}`;
    expect(stringifyJsonExact(parseJsonExact(text))).toBe(text);
  });

  it('a node line carrying a 64-bit id is delivered with the id exact', () => {
    const v = validateLine('n0', 1, `{"src":"n0","dest":"c1","body":{"type":"generate_ok","id":${big},"in_reply_to":1}}`, () => true);
    expect(v.ok && v.message.body['id']).toBe(2n ** 62n + 1n);
  });
});

describe('lin-kv hands 64-bit reads to the checker without rounding (issue 21)', () => {
  it('a read of a never-written 64-bit value matches no written number', async () => {
    const { toOperations } = await import('../src/workloads/lin-kv.ts');
    const op = (f: string, value: unknown, result: unknown, t: number) => ({ process: 0, client: 'c1', node: 'n0', f, value, invokeTime: t, completeTime: t + 1, type: 'ok', result }) as never;
    const ops = toOperations([op('write', { key: 0, value: 2 ** 62 }, null, 0), op('read', { key: 0 }, 2n ** 62n + 1n, 2)]);
    expect(ops[1]!.output).toEqual({ bigint: '4611686018427387905' });
    expect(ops[1]!.output).not.toEqual(ops[0]!.input);
  });
});
