import type { OpFunction } from './event.ts';
import type { JsonValue } from './value.ts';

/** How an operation ended: it happened, it definitely did not, or nobody knows. */
export type OpStatus = 'ok' | 'fail' | 'unknown';

/** An invoke paired with its completion: one operation, with its real-time interval. */
export interface Operation {
  /** Position in the paired history (ordered by call time); stable name in explanations. */
  id: number;
  /** The process that ran it. */
  process: number;
  /** The operation name. */
  f: OpFunction;
  /** The key, for keyed models. */
  key: string | undefined;
  /** The invoke's value: the argument (`[from, to]` for cas, null for reads). */
  input: JsonValue;
  /** The completion's value (the value read, for reads); null when the outcome is unknown. */
  output: JsonValue;
  /** Time of the invoke. */
  call: number;
  /** Time of the completion; Infinity when unknown (`info`, or never completed). */
  return: number;
  /** `ok`, `fail` (definitely did not happen) or `unknown` (may take effect any time after call). */
  status: OpStatus;
}
