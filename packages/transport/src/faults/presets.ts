import { dist } from '@faultline/core';
import type { FaultNetworkOptions } from './fault-network.ts';

/** Named base networks; pass one spread into the `FaultNetwork` options with your node list. */
export const networkPresets = {
  /** Machines in one rack: about 1 ms with some spread, so concurrent sends interleave differently per seed. */
  lan: { baseLatency: dist.uniform(0.5, 1.5), fifo: true },
  /** Regions apart: a 40 ms median with a long tail, as cross-region round trips look in practice. */
  wan: { baseLatency: dist.lognormal(40, 0.3), fifo: true },
  /** An ideal network (instant, ordered): isolates protocol logic from timing when debugging. */
  ideal: { baseLatency: dist.constant(0), fifo: true },
} as const satisfies Record<string, Omit<FaultNetworkOptions, 'nodes'>>;
