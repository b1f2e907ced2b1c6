import type { Json } from '../protocol/message.ts';
import { DEFAULT_CONSISTENCY_MODELS, type ConsistencyModel } from './txn/consistency.ts';
import { checkTxnOps } from './txn/txn-check.ts';
import { DEFAULT_TXN_SHAPE, TxnGenerator, type TxnShape } from './txn/txn-generator.ts';
import type { Workload } from './workload.ts';

/**
 * Maelstrom's `txn-list-append` (workload/txn_list_append.clj over jepsen.tests.cycle.append):
 * transactions of reads `["r", k, null]` and appends `["append", k, v]` (elements unique per
 * key), answered by `txn_ok` with each read replaced by the list it saw (`null` for a key never
 * appended to). Checked by Elle's list-append checker (packages/checker/src/txn/list-append) for
 * `--consistency-models`, default strict-serializable.
 */
export function txnListAppendWorkload(models: readonly ConsistencyModel[] = DEFAULT_CONSISTENCY_MODELS, shape: TxnShape = DEFAULT_TXN_SHAPE): Workload {
  const gen = new TxnGenerator('append', shape);
  return {
    name: 'txn-list-append',
    generate: (rng) => {
      const txn = gen.next(rng) as unknown as Json;
      return { f: 'txn', value: txn, body: { type: 'txn', txn } };
    },
    complete: (_f, reply) => (reply['txn'] ?? null) as Json,
    check: (ops) => checkTxnOps('list-append', ops, models),
  };
}
