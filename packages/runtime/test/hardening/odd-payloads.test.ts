import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EncodeError, type Address, type AskOutcome } from '@faultline/core';
import { Simulation, WorkerCluster } from '../../src/index.ts';
import { Echo } from '../fixtures/actors.ts';

const manyKeys = (n: number): Record<string, number> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

/** Binary arrives as a plain Uint8Array, never a Buffer, in every runtime. */
const plainBytes = (v: unknown): void => expect((v as { b: object }).b.constructor).toBe(Uint8Array);

/** What must happen to an odd payload in every runtime: it arrives as `arrives`, or the sender gets an EncodeError matching `refused`. */
type Expectation = { readonly arrives: unknown; readonly check?: (value: unknown) => void } | { readonly refused: RegExp };

// Issue 9, item 7: the runtimes disagreed on each of these (kept / mangled / dropped / timed out).
const TABLE: ReadonlyArray<readonly [string, unknown, Expectation]> = [
  ['a lone surrogate', { s: 'a\ud800b' }, { refused: /message\.s is a string with a lone surrogate/ }],
  ['a lone surrogate in a key', { ['\udc00']: 1 }, { refused: /has a key with a lone surrogate/ }],
  ['a well-formed astral character', { s: 'a😀b' }, { arrives: { s: 'a😀b' } }],
  ['-0', { z: -0 }, { arrives: { z: 0 }, check: (v) => expect(Object.is((v as { z: number }).z, 0)).toBe(true) }],
  ['a Buffer', { b: Buffer.from([1, 2]) }, { arrives: { b: new Uint8Array([1, 2]) }, check: plainBytes }],
  ['a Uint8Array', { b: new Uint8Array([3]) }, { arrives: { b: new Uint8Array([3]) }, check: plainBytes }],
  ['an own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'), { refused: /has an own key '__proto__'/ }],
  ['an object with 65,535 keys', manyKeys(65_535), { arrives: manyKeys(65_535) }],
  ['an object with 70,000 keys', { big: manyKeys(70_000) }, { refused: /message\.big has more than 65535 keys/ }],
  ['an object with 100,000 keys', manyKeys(100_000), { refused: /message has more than 65535 keys/ }],
  ['an array of 100,000 items', Array.from({ length: 100_000 }, (_, i) => i), { arrives: Array.from({ length: 100_000 }, (_, i) => i) }],
  ['NaN and infinities', [Number.NaN, Infinity, -Infinity], { arrives: [Number.NaN, Infinity, -Infinity] }],
  ['a 64-bit bigint and a Date', { n: 2n ** 63n, d: new Date(5) }, { arrives: { n: 2n ** 63n, d: new Date(5) } }],
  ['undefined in an array and an object', { u: undefined, a: [undefined, 1] }, { arrives: { u: undefined, a: [undefined, 1] } }],
  ['a Float64Array', { f: new Float64Array([1]) }, { refused: /message\.f is a Float64Array/ }],
];

/** Sends each payload through `ask` and checks the table's expectation. */
async function runTable(ask: (message: unknown) => Promise<AskOutcome>): Promise<void> {
  for (const [name, payload, expected] of TABLE) {
    if ('refused' in expected) {
      let thrown: unknown;
      try {
        await ask(payload);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).toBeInstanceOf(EncodeError);
      expect((thrown as Error).message, name).toMatch(expected.refused);
      continue;
    }
    const outcome = await ask(payload);
    expect(outcome.status, name).toBe('ok');
    const value = outcome.status === 'ok' ? outcome.value : undefined;
    expect(value, name).toEqual(expected.arrives);
    expected.check?.(value);
  }
}

describe('one rule for odd payloads, the same in every runtime', () => {
  for (const wire of ['clone', 'msgpack'] as const) {
    it(`holds in the simulator, ${wire} mode`, async () => {
      const sim = new Simulation({ seed: 3, nodes: 2, wire });
      const echo = await sim.spawn('n2', 'echo', Echo, undefined);
      await runTable((m) => sim.ask(echo, m, { timeoutMs: 1000 }));
    });
  }

  describe('on workers', () => {
    let cluster: WorkerCluster;
    let echo: Address;
    beforeAll(async () => {
      cluster = await WorkerCluster.start({ seed: 3, nodes: 2, modules: [new URL('../fixtures/actors.ts', import.meta.url).href] });
      echo = await cluster.spawn('n2', 'echo', Echo, undefined);
    });
    afterAll(() => cluster.shutdown());

    it('holds between workers', async () => {
      await runTable((m) => cluster.ask(echo, m, { timeoutMs: 10_000 }));
    });
  });
});
