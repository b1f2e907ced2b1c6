import type { HistoryEvent } from '../history/event.ts';
import type { Operation } from '../history/operation.ts';
import { pairOperations } from '../history/pair.ts';
import type { Model, StateKey } from '../models/model.ts';
import { explain } from './explain.ts';
import type { CheckResult, KeyResult, Verdict } from './result.ts';
import { DEFAULT_MAX_MEMORY_MB, MemoryBudget } from './memory-budget.ts';
import { LinearizationSearch, MAX_SEARCH_STATES, type SearchOp, type SearchOutcome } from './search.ts';

/** Options for a check. */
export interface CheckOptions {
  /** Give up with verdict `unknown` after this many ms; no limit when absent. */
  timeoutMs?: number;
  /** The clock the time budget is measured on, in ms; `performance.now` unless injected (tests). */
  clock?: () => number;
  /** The clock reading the time budget counts from (e.g. before the history was read); default: now. */
  startedAt?: number;
  /**
   * Finish every partition even after one is found not linearizable. Default false: like
   * Porcupine, stop soon after the first violation and report unfinished partitions as unknown.
   */
  exhaustive?: boolean;
  /**
   * Give up with verdict `unknown` once the search caches would need more than this many MiB.
   * Default DEFAULT_MAX_MEMORY_MB (2048); Infinity for no cap.
   */
  maxMemoryMb?: number;
  /** Called with each partition's result as soon as the search ends for it (e.g. to pass it on early). */
  onKeyResult?: (result: KeyResult) => void;
}

/** Search iterations a partition runs before the next one takes its turn (and the clock is read). */
const SLICE = 2048;

interface Partition<S extends StateKey, I, O> {
  key: string | undefined;
  operations: number;
  members: Operation[];
  search: LinearizationSearch<S, I, O>;
}

/**
 * Checks operations for linearizability against a model, one independent partition at a time
 * (P-compositionality: Herlihy & Wing 1990, §3.3; Horn & Kroening 2015). Partitions take turns
 * so an easy violation is found before a hard partition finishes. Failed operations definitely
 * did not happen and are left out; unknown ones may take effect any time after their call, or never.
 */
export function checkOperations<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation[],
  options: CheckOptions = {},
): CheckResult {
  const clock = options.clock ?? (() => performance.now());
  const deadline = options.timeoutMs === undefined ? Infinity : (options.startedAt ?? clock()) + options.timeoutMs;
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  const budget = new MemoryBudget(maxMemoryMb * 1024 * 1024);
  const happened = ops.filter((op) => op.status !== 'fail');
  const partitions = model.partition(happened).map((part) => prepare(model, part, budget));
  const results: (KeyResult | undefined)[] = partitions.map(() => undefined);
  let pending = partitions.map((_, i) => i);
  let stopReason: string | undefined;
  while (pending.length > 0 && stopReason === undefined) {
    for (const i of pending) {
      const p = partitions[i]!;
      const outcome = p.search.run(SLICE);
      if (outcome !== undefined && outcome.kind === 'out-of-memory') {
        stopReason =
          outcome.limit === 'states'
            ? `${label(p.key)} reached ${MAX_SEARCH_STATES} distinct model states after ${outcome.explored} configurations, the most one search can hold`
            : `the memory budget of ${maxMemoryMb} MiB ran out after ${outcome.explored} configurations; raise --max-memory-mb`;
        break;
      }
      if (outcome !== undefined) {
        const result = toKeyResult(model, p, outcome);
        results[i] = result;
        options.onKeyResult?.(result);
        if (result.verdict === 'not-linearizable' && options.exhaustive !== true) {
          // Let the rest of this round run, so partitions that need no more than a slice still get a verdict.
          stopReason ??= `not searched to the end: ${label(p.key)} already shows the history is not linearizable`;
        }
      }
      if (stopReason === undefined && clock() >= deadline) {
        stopReason = `the time budget of ${options.timeoutMs ?? 0} ms ran out`;
        break;
      }
    }
    pending = pending.filter((i) => results[i] === undefined);
  }
  for (const i of pending) partitions[i]!.search.abandon();
  const perKey = partitions.map(
    (p, i): KeyResult =>
      results[i] ?? { verdict: 'unknown', key: p.key, operations: p.operations, reason: stopReason ?? 'not searched' },
  );
  const verdict = combine(perKey);
  return { verdict, perKey, explanation: explain(model, verdict, perKey, options.timeoutMs) };
}

/** Pairs events into operations (see `pairOperations`) and checks them. */
export function checkHistory<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  events: readonly HistoryEvent[],
  options: CheckOptions = {},
): CheckResult {
  return checkOperations(model, pairOperations(events), options);
}

function prepare<S extends StateKey, I, O>(model: Model<S, I, O>, part: readonly Operation[], budget: MemoryBudget): Partition<S, I, O> {
  const members: Operation[] = [];
  const searchOps: SearchOp<I, O>[] = [];
  for (const op of model.simplify === undefined ? part : model.simplify(part)) {
    const prepared = model.prepare(op);
    if (prepared === null) continue;
    members.push(op);
    searchOps.push({ call: op.call, return: op.return, required: op.status === 'ok', input: prepared.input, output: prepared.output });
  }
  return { key: part[0]?.key, operations: part.length, members, search: new LinearizationSearch(model, searchOps, budget) };
}

function toKeyResult<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  { key, operations, members }: Partition<S, I, O>,
  outcome: SearchOutcome<S>,
): KeyResult {
  const pick = (indices: readonly number[]): Operation[] => indices.map((i) => members[i]!);
  switch (outcome.kind) {
    case 'linearizable':
      return { verdict: 'linearizable', key, operations, linearization: pick(outcome.order).map((op) => op.id) };
    case 'not-linearizable':
      return {
        verdict: 'not-linearizable',
        key,
        operations,
        counterexample: {
          prefix: pick(outcome.prefix),
          state: model.describeState(outcome.state),
          stuck: pick(outcome.stuck),
          due: outcome.due === undefined ? undefined : members[outcome.due],
        },
      };
    case 'out-of-memory':
      return { verdict: 'unknown', key, operations, reason: `the memory budget ran out after ${outcome.explored} configurations` };
    default: {
      const never: never = outcome;
      throw new Error(`unknown search outcome ${JSON.stringify(never)}`);
    }
  }
}

function combine(perKey: readonly KeyResult[]): Verdict {
  if (perKey.some((k) => k.verdict === 'not-linearizable')) return 'not-linearizable';
  if (perKey.some((k) => k.verdict === 'unknown')) return 'unknown';
  return 'linearizable';
}

function label(key: string | undefined): string {
  return key === undefined ? 'the history' : `key ${JSON.stringify(key)}`;
}
