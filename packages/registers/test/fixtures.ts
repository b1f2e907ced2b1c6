import { fault, select, type GeneratorOptions, type LinkRuleSpec } from '@faultline/transport';

/**
 * The harsh network of the register issue: 20% loss, duplication and reordering on every link
 * between nodes. Client links stay clean: loss there only turns operations into `info`, which
 * tests nothing of the protocol and makes histories needlessly hard to check.
 */
export const LOSSY_LINKS: readonly LinkRuleSpec[] = [
  { target: select.all(), fault: fault.drop(0.2) },
  { target: select.all(), fault: fault.duplicate(0.1, 1) },
  { target: select.all(), fault: fault.reorder(0.1, { kind: 'uniform', minMs: 1, maxMs: 20 }) },
];

/** A random nemesis over every family: partitions (one-way too), crash-restart, pauses, link faults and clock faults of a minority. */
export const RANDOM_NEMESIS: GeneratorOptions = { intervalMs: 500, durationMs: 800, untilMs: 6000, count: 'minority' };

/** Seeds 1..n. */
export const seeds = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

/** Clients: 10 processes over 5 keys for 6 s, patient enough (1 s) for the CP register to answer definitely. */
export const WORKLOAD = { durationMs: 6000, processes: 10, keys: ['a', 'b', 'c', 'd', 'e'], timeoutMs: 1000 } as const;
