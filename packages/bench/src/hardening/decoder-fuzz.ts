/**
 * Decoder fuzz (issue 9): mutates valid frames and envelope batches with a seeded stream (byte sets,
 * bit flips, truncations, insertions, and header counts forced large) and feeds each to the decoder
 * and the node's envelope check, as a receiving node would. Counts exceptions other than DecodeError
 * (must be 0) and reports the slowest single input. CI runs a smaller seeded version
 * (transport/test/wire-hardening.test.ts). Usage:
 * `npx tsx packages/bench/src/hardening/decoder-fuzz.ts [--inputs 1000000] [--seed 9]`
 */
import { address, createRng, DecodeError, envelopeProblem, type Envelope, type Rng } from '@faultline/core';
import { decodeEnvelope, encodeEnvelope, EnvelopeBatch, readEnvelopeBatch } from '@faultline/transport';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};

const envelope = (payload: unknown, id: number, kind: Envelope['kind']): Envelope => ({
  from: address('n1', 'src'), to: address('n2', 'dst'), kind, id, payload,
  ...(kind === 'reply' || kind === 'fail' ? { replyTo: id - 1 } : {}),
  stamps: { lamport: id, hlc: { l: 1_700_000_000_000 + id, c: 1 } },
});

const PAYLOADS: unknown[] = [
  undefined, null, 'hello', 42, { a: [1, 2, { b: 'c' }] }, [1n, new Date(1), new Uint8Array([1, 2])],
  { code: 'x', message: 'y', definite: false }, Array.from({ length: 20 }, (_, i) => ({ i, s: 'v'.repeat(i) })),
];
const KINDS = ['tell', 'ask', 'reply', 'fail'] as const;

function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  let out = bytes.slice();
  const n = 1 + rng.int(4);
  for (let k = 0; k < n && out.length > 0; k++) {
    const at = rng.int(out.length);
    switch (rng.int(5)) {
      case 0: out[at] = rng.int(256); break;
      case 1: out[at] = (out[at] as number) ^ (1 << rng.int(8)); break;
      case 2: out = out.slice(0, at); break;
      case 3: {
        const extra = Uint8Array.from({ length: 1 + rng.int(6) }, () => rng.int(256));
        out = Uint8Array.from([...out.subarray(0, at), ...extra, ...out.subarray(at)]);
        break;
      }
      default: {
        // A container header with a huge count: array32 / map32 / str32 / bin32 and 0xff bytes.
        const header = [0xdd, 0xdf, 0xdb, 0xc6][rng.int(4)] as number;
        out[at] = header;
        for (let i = 1; i <= 4 && at + i < out.length; i++) out[at + i] = 0xff;
      }
    }
  }
  return out;
}

interface Tally { inputs: number; escaped: number; slowestMs: number; slowest: (() => void) | undefined; firstEscape: string | undefined }

function timeOne(t: Tally, run: () => void): void {
  const start = process.hrtime.bigint();
  try {
    run();
  } catch (error) {
    if (!(error instanceof DecodeError)) {
      t.escaped++;
      t.firstEscape ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (ms > t.slowestMs) {
    t.slowestMs = ms;
    t.slowest = run;
  }
  t.inputs++;
}

function receiveFrame(bytes: Uint8Array, start = 0, end = bytes.length): void {
  try {
    envelopeProblem(decodeEnvelope(bytes, start, end));
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
}

function main(): void {
  const inputs = arg('inputs', 1_000_000);
  const seed = arg('seed', 9);
  const rng = createRng(seed);
  console.log(`decoder fuzz: ${inputs} mutated frames and ${inputs} mutated batches, seed ${seed}`);
  const frames = PAYLOADS.flatMap((p, i) => KINDS.map((k) => encodeEnvelope(envelope(p, 10 + i, k))));
  const batches = [1, 3, 8].map((size) => {
    const b = new EnvelopeBatch();
    for (let i = 0; i < size; i++) b.append(envelope(PAYLOADS[i % PAYLOADS.length], 20 + i, KINDS[i % 4] as Envelope['kind']), PAYLOADS[i % PAYLOADS.length]);
    b.appendFrame(frames[size] as Uint8Array);
    return b.take();
  });
  const started = Date.now();
  const f: Tally = { inputs: 0, escaped: 0, slowestMs: 0, slowest: undefined, firstEscape: undefined };
  for (let i = 0; i < inputs; i++) {
    const bytes = mutate(rng, frames[rng.int(frames.length)] as Uint8Array);
    timeOne(f, () => receiveFrame(bytes));
  }
  const b: Tally = { inputs: 0, escaped: 0, slowestMs: 0, slowest: undefined, firstEscape: undefined };
  for (let i = 0; i < inputs; i++) {
    const bytes = mutate(rng, batches[rng.int(batches.length)] as Uint8Array);
    timeOne(b, () => readEnvelopeBatch(bytes, { envelope: (e) => void envelopeProblem(e), frame: receiveFrame, error: () => {}, entryError: () => {} }));
  }
  for (const [what, t] of [['frames', f], ['batches', b]] as const) {
    // The slowest time seen may include a GC pause: time that input again alone (best of 5).
    let again = Infinity;
    for (let k = 0; k < 5 && t.slowest; k++) {
      const start = process.hrtime.bigint();
      try { t.slowest(); } catch { /* counted above */ }
      again = Math.min(again, Number(process.hrtime.bigint() - start) / 1e6);
    }
    console.log(`${what}: ${t.inputs} inputs, ${t.escaped} escaped exceptions, slowest input ${t.slowestMs.toFixed(3)} ms ` +
      `(${again.toFixed(3)} ms when timed again alone)${t.firstEscape ? `; first escape: ${t.firstEscape}` : ''}`);
  }
  console.log(`${Math.round((Date.now() - started) / 1000)} s`);
  if (f.escaped + b.escaped > 0) process.exitCode = 1;
}

main();
