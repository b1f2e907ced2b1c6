/**
 * Issue 26's performance figures for the Elle-class transaction checker: a list-append history of
 * 1M transactions generated from TXN_SEED, checked under strict-serializable (so realtime edges
 * are built), within 60 s and 2 GB; and time per transaction at 1M against 100k in the same run
 * (about 1 when linear). The baseline of the 1M row is generating the history, in the same run.
 */
import { checkListAppend } from '@faultline/checker';
import type { BenchResult } from './result.ts';
import { generateListAppend, TXN_SEED } from './txn-histories.ts';

const SMALL = 100_000;
const LARGE = 1_000_000;

function measure(n: number): { gen: number; check: number; heapMb: number; rssMb: number; valid: string } {
  const t0 = performance.now();
  const h = generateListAppend(n, TXN_SEED);
  const t1 = performance.now();
  const r = checkListAppend(h, { consistencyModels: ['strict-serializable'] });
  const t2 = performance.now();
  const mem = process.memoryUsage();
  return { gen: t1 - t0, check: t2 - t1, heapMb: mem.heapUsed / 1048576, rssMb: mem.rss / 1048576, valid: String(r.valid) };
}

/** The three rows: 1M time, linearity 100k -> 1M, and memory at 1M. */
export async function txnBenches(): Promise<BenchResult[]> {
  process.stdout.write(`txn: list-append histories from seed ${TXN_SEED}\n`);
  const small = measure(SMALL);
  const large = measure(LARGE);
  if (small.valid !== 'true' || large.valid !== 'true') throw new Error(`generated histories must be valid; got ${small.valid}, ${large.valid}`);
  const perTxn = (ms: number, n: number): number => (ms * 1000) / n;
  const linearity = perTxn(large.check, LARGE) / perTxn(small.check, SMALL);
  return [
    { name: 'txn-list-append-1m', value: large.check, unit: 'ms', baseline: large.gen, baselineName: 'generating the 1M history', ratio: large.check / large.gen, target: 'value <= 60000 ms', met: large.check <= 60_000 },
    { name: 'txn-list-append-linearity', value: perTxn(large.check, LARGE), unit: 'µs/txn', baseline: perTxn(small.check, SMALL), baselineName: 'µs/txn at 100k', ratio: linearity, target: 'ratio < 1.5', met: linearity < 1.5 },
    { name: 'txn-list-append-1m-rss', value: large.rssMb, unit: 'MiB', baseline: 2048, baselineName: 'the 2 GiB budget', ratio: large.rssMb / 2048, target: 'ratio <= 1', met: large.rssMb <= 2048 },
  ];
}
