import { ConfigError } from '@faultline/core';
import { broadcastWorkload } from './broadcast.ts';
import { counterWorkload } from './counter.ts';
import { echoWorkload } from './echo.ts';
import { kafkaWorkload } from './kafka.ts';
import { linKvWorkload } from './lin-kv.ts';
import type { TopologyName } from './topology.ts';
import { txnWorkload, type ConsistencyModel } from './txn-rw-register.ts';
import { uniqueIdsWorkload } from './unique-ids.ts';
import { WORKLOAD_NAMES, type Workload, type WorkloadName } from './workload.ts';

/** Options some workloads take. */
export interface WorkloadOptions {
  readonly topology?: TopologyName;
  /** txn-rw-register: the consistency model to check (default read-committed). */
  readonly consistency?: ConsistencyModel;
  /** Counters: also bound every intermediate read (stricter than Maelstrom, off by default). */
  readonly counterPerRead?: boolean;
}

/** A fresh workload (its generators keep per-run state) by Maelstrom's name. */
export function createWorkload(name: WorkloadName, options: WorkloadOptions = {}): Workload {
  switch (name) {
    case 'echo': return echoWorkload();
    case 'unique-ids': return uniqueIdsWorkload();
    case 'broadcast': return broadcastWorkload(options.topology);
    case 'g-counter': return counterWorkload('g-counter', { perRead: options.counterPerRead ?? false });
    case 'pn-counter': return counterWorkload('pn-counter', { perRead: options.counterPerRead ?? false });
    case 'kafka': return kafkaWorkload();
    case 'txn-rw-register': return txnWorkload(options.consistency);
    case 'lin-kv': return linKvWorkload();
    default: {
      const never: never = name;
      throw new ConfigError('workload', never, `must be one of ${WORKLOAD_NAMES.join(', ')}`);
    }
  }
}
