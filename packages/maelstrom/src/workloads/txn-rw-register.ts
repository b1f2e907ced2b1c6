import { DEFAULT_CONSISTENCY_MODELS, type ConsistencyModel } from './txn/consistency.ts';
import { DEFAULT_TXN_SHAPE, type TxnShape } from './txn/txn-generator.ts';
import { txnWorkloadOf } from './txn/txn-workload.ts';
import type { Workload } from './workload.ts';

/**
 * Maelstrom's `txn-rw-register` (workload/txn_rw_register.clj): transactions of reads
 * `["r", k, null]` and writes `["w", k, v]` (values unique per key, Elle's `wr-txns`), answered
 * by `txn_ok` with the reads filled in; a key never written reads `null`. Checked as Maelstrom
 * does, by Elle's rw-register checker with writes-follow-reads keys, for `--consistency-models`
 * (default strict-serializable). A read of a value nobody wrote is not an anomaly of its own
 * there (it has no writer, so no dependency): this checker judges it the same.
 */
export function txnWorkload(models: readonly ConsistencyModel[] = DEFAULT_CONSISTENCY_MODELS, shape: TxnShape = DEFAULT_TXN_SHAPE): Workload {
  return txnWorkloadOf('txn-rw-register', 'w', 'rw-register', models, shape);
}
