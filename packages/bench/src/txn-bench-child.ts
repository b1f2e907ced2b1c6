/**
 * One size of the transaction bench, run alone in a child process so its peak RSS is its own:
 * generates a list-append history of argv[2] transactions from TXN_SEED, checks it under
 * strict-serializable and prints one JSON line (times in ms, peak RSS in MiB, the verdict).
 */
import { checkListAppend } from '@faultline/checker';
import { generateListAppend, TXN_SEED } from './txn-histories.ts';

/** What one child measured. */
export interface TxnChildResult {
  readonly n: number;
  readonly genMs: number;
  readonly checkMs: number;
  readonly checkCpuMs: number;
  readonly peakRssMb: number;
  readonly valid: string;
}

const n = Number(process.argv[2]);
if (!Number.isInteger(n) || n <= 0) throw new Error(`txn-bench-child: expected a transaction count, got ${JSON.stringify(process.argv[2])}`);
const t0 = performance.now();
const h = generateListAppend(n, TXN_SEED);
const t1 = performance.now();
const cpu0 = process.cpuUsage();
const r = checkListAppend(h, { consistencyModels: ['strict-serializable'] });
const cpu = process.cpuUsage(cpu0);
const t2 = performance.now();
const out: TxnChildResult = { n, genMs: t1 - t0, checkMs: t2 - t1, checkCpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, valid: String(r.valid) };
process.stdout.write(`${JSON.stringify(out)}\n`);
