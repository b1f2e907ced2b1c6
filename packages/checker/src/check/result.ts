import type { Operation } from '../history/operation.ts';

/** The checker's answer: a linearization exists, none exists, or the budget ran out first. */
export type Verdict = 'linearizable' | 'not-linearizable' | 'unknown';

/** Why a history (or one key of it) cannot be linearized: the deepest point the search reached. */
export interface Counterexample {
  /** The longest linearizable prefix found, in linearization order. */
  prefix: Operation[];
  /** The model state after that prefix, rendered by the model. */
  state: string;
  /** The operations that could have come next; the model accepts none of them in that state. */
  stuck: Operation[];
  /** The operation whose return bounds the candidates: it had to take effect before then. */
  due: Operation | undefined;
  /** Per stuck operation the model can explain, why it cannot take effect, in the model's own terms. */
  why?: { id: number; text: string }[];
}

/** The verdict for one independent sub-history (one key, for keyed models). */
export type KeyResult =
  | {
      verdict: 'linearizable';
      /** The partition's key (undefined for unkeyed operations). */
      key: string | undefined;
      /** How many operations the partition has (failed ones excluded). */
      operations: number;
      /** Ids of the operations in a valid linearization; unknown-outcome ops left out are absent. */
      linearization: number[];
    }
  | {
      verdict: 'not-linearizable';
      key: string | undefined;
      operations: number;
      counterexample: Counterexample;
    }
  | {
      verdict: 'unknown';
      key: string | undefined;
      operations: number;
      /** Why no verdict was reached, e.g. the time budget ran out. */
      reason: string;
    };

/** The result of checking a whole history. */
export interface CheckResult {
  /** not-linearizable if any key is; else unknown if any key is; else linearizable. */
  verdict: Verdict;
  /** One result per independent sub-history, in key order. */
  perKey: KeyResult[];
  /** A readable account of the verdict; for violations it names the operations that cannot be ordered. */
  explanation: string;
}

/** A whole history's verdict from its partitions': not-linearizable if any is, else unknown if any is. */
export function combineVerdicts(perKey: readonly KeyResult[]): Verdict {
  if (perKey.some((k) => k.verdict === 'not-linearizable')) return 'not-linearizable';
  if (perKey.some((k) => k.verdict === 'unknown')) return 'unknown';
  return 'linearizable';
}

/** How explanations name a partition: `key "x"`, or `the history` for unkeyed operations. */
export function partitionLabel(key: string | undefined): string {
  return key === undefined ? 'the history' : `key ${JSON.stringify(key)}`;
}
