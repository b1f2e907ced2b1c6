import type { Json } from '../../protocol/message.ts';
import type { ConsistencyModel } from './consistency.ts';
import { checkTxnOps } from './txn-check.ts';
import { TxnGenerator, type TxnShape } from './txn-generator.ts';
import type { Workload } from '../workload.ts';

/**
 * The shared body of Maelstrom's two transactional workloads: Elle's generator with `write`
 * micro-ops, a `txn` request, the `txn_ok` reply's list as the completion, and Elle's checker of
 * `kind` for the consistency models.
 */
export function txnWorkloadOf(name: 'txn-list-append' | 'txn-rw-register', write: 'w' | 'append', kind: 'list-append' | 'rw-register', models: readonly ConsistencyModel[], shape: TxnShape): Workload {
  const gen = new TxnGenerator(write, shape);
  return {
    name,
    generate: (rng) => {
      const txn = gen.next(rng) as unknown as Json;
      return { f: 'txn', value: txn, body: { type: 'txn', txn } };
    },
    complete: (_f, reply) => (reply['txn'] ?? null) as Json,
    check: (ops) => checkTxnOps(kind, ops, models),
  };
}
