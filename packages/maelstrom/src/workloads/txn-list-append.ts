import { DEFAULT_CONSISTENCY_MODELS, type ConsistencyModel } from './txn/consistency.ts';
import { DEFAULT_TXN_SHAPE, type TxnShape } from './txn/txn-generator.ts';
import { txnWorkloadOf } from './txn/txn-workload.ts';
import type { Workload } from './workload.ts';

/**
 * Maelstrom's `txn-list-append` (workload/txn_list_append.clj over jepsen.tests.cycle.append):
 * transactions of reads `["r", k, null]` and appends `["append", k, v]` (elements unique per
 * key), answered by `txn_ok` with each read replaced by the list it saw (`null` for a key never
 * appended to). Checked by Elle's list-append checker (packages/checker/src/txn/list-append) for
 * `--consistency-models`, default strict-serializable.
 */
export function txnListAppendWorkload(models: readonly ConsistencyModel[] = DEFAULT_CONSISTENCY_MODELS, shape: TxnShape = DEFAULT_TXN_SHAPE): Workload {
  return txnWorkloadOf('txn-list-append', 'append', 'list-append', models, shape);
}
