import { ConfigError } from '@faultline/core';
import { broadcastWorkload } from './broadcast.ts';
import { counterWorkload } from './counter.ts';
import { echoWorkload } from './echo.ts';
import { gSetWorkload } from './g-set.ts';
import { kafkaWorkload } from './kafka.ts';
import { linKvWorkload } from './lin-kv.ts';
import type { TopologyName } from './topology.ts';
import type { ConsistencyModel } from './txn/consistency.ts';
import { DEFAULT_TXN_SHAPE, type TxnShape } from './txn/txn-generator.ts';
import { txnListAppendWorkload } from './txn-list-append.ts';
import { txnWorkload } from './txn-rw-register.ts';
import { uniqueIdsWorkload } from './unique-ids.ts';
import { WORKLOAD_NAMES, type Workload, type WorkloadName } from './workload.ts';

/** Options some workloads take. */
export interface WorkloadOptions {
  readonly topology?: TopologyName;
  /** txn workloads: the consistency models to check (default strict-serializable, as Maelstrom). */
  readonly consistencyModels?: readonly ConsistencyModel[];
  /** txn workloads: keys in use, transaction length, writes per key (Maelstrom's defaults when absent). */
  readonly txnShape?: Partial<TxnShape>;
  /** Counters: also bound every intermediate read (stricter than Maelstrom, off by default). */
  readonly counterPerRead?: boolean;
}

/** A fresh workload (its generators keep per-run state) by Maelstrom's name. */
export function createWorkload(name: WorkloadName, options: WorkloadOptions = {}): Workload {
  switch (name) {
    case 'echo': return echoWorkload();
    case 'unique-ids': return uniqueIdsWorkload();
    case 'broadcast': return broadcastWorkload(options.topology);
    case 'g-set': return gSetWorkload();
    case 'g-counter': return counterWorkload('g-counter', { perRead: options.counterPerRead ?? false });
    case 'pn-counter': return counterWorkload('pn-counter', { perRead: options.counterPerRead ?? false });
    case 'kafka': return kafkaWorkload();
    case 'txn-rw-register': return txnWorkload(options.consistencyModels, { ...DEFAULT_TXN_SHAPE, ...options.txnShape });
    case 'txn-list-append': return txnListAppendWorkload(options.consistencyModels, { ...DEFAULT_TXN_SHAPE, ...options.txnShape });
    case 'lin-kv': return linKvWorkload();
    default: {
      const never: never = name;
      throw new ConfigError('workload', never, `must be one of ${WORKLOAD_NAMES.join(', ')}`);
    }
  }
}
