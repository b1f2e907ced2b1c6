import { HistoryBudgetError } from '../history/errors.ts';
import type { HistoryEvent } from '../history/event.ts';
import type { Operation } from '../history/operation.ts';
import { pairOperations } from '../history/pair.ts';
import type { Model, StateKey } from '../models/model.ts';
import { explain } from './explain.ts';
import { combineVerdicts, partitionLabel, type CheckResult, type KeyResult } from './result.ts';
import { CLOCK_EVERY, Deadline } from './deadline.ts';
import { DEFAULT_MAX_MEMORY_MB, MemoryBudget, SEARCH_OP_BYTES } from './memory-budget.ts';
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
  /**
   * The memory budget to draw on instead of a fresh one of `maxMemoryMb`, e.g. one the command
   * line has already charged for the operations it read.
   */
  budget?: MemoryBudget;
  /** Called with each partition's result as soon as the search ends for it (e.g. to pass it on early). */
  onKeyResult?: (result: KeyResult) => void;
}

/** Search iterations between two readings of the clock. */
const SLICE = 2048;

/** Slices a partition runs before the next takes its turn (about 10-50 ms of search). */
const SLICES_PER_TURN = 64;

interface Partition<S extends StateKey, I, O> {
  key: string | undefined;
  operations: number;
  members: Operation[];
  search: LinearizationSearch<S, I, O>;
  /** Bytes reserved for the partition's search form (ops and index), released when it is done. */
  bytes: number;
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
  const deadline = Deadline.of(options);
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  const budget = options.budget ?? new MemoryBudget(maxMemoryMb * 1024 * 1024);
  const happened = ops.some((op) => op.status === 'fail') ? ops.filter((op) => op.status !== 'fail') : ops;
  const partitions: Partition<S, I, O>[] = [];
  try {
    deadline.check('partitioning');
    const parts = model.partition(happened);
    deadline.check('partitioning');
    for (const part of parts) partitions.push(prepare(model, part, budget, deadline));
  } catch (e) {
    for (const p of partitions) {
      p.search.abandon();
      release(p, budget);
    }
    if (!(e instanceof HistoryBudgetError)) throw e;
    // Stopped before every partition was formed: the whole history is undecided.
    const perKey: KeyResult[] = [{ verdict: 'unknown', key: undefined, operations: happened.length, reason: e.message }];
    return { verdict: 'unknown', perKey, explanation: explain(model, 'unknown', perKey, options.timeoutMs) };
  }
  const results: (KeyResult | undefined)[] = partitions.map(() => undefined);
  let pending = partitions.map((_, i) => i);
  let stopReason: string | undefined;
  while (pending.length > 0 && stopReason === undefined) {
    for (const i of pending) {
      const p = partitions[i]!;
      // A turn is several slices, the clock read after each: turns of one slice made ten keys
      // check 1.2-1.8x slower than one after another (each switch evicts the last key's cache).
      // Once a violation is known, the rest of the round gets one slice each.
      const slices = stopReason === undefined ? SLICES_PER_TURN : 1;
      let outcome = p.search.run(SLICE);
      for (let slice = 1; outcome === undefined && slice < slices && !deadline.passed(); slice++) outcome = p.search.run(SLICE);
      if (outcome !== undefined && outcome.kind === 'out-of-memory') {
        stopReason =
          outcome.limit === 'states'
            ? `${partitionLabel(p.key)} reached ${MAX_SEARCH_STATES} distinct model states after ${outcome.explored} configurations, the most one search can hold`
            : `the memory budget of ${budgetMb(budget)} MiB ran out after ${outcome.explored} configurations; raise --max-memory-mb`;
        break;
      }
      if (outcome !== undefined) {
        release(p, budget);
        const result = toKeyResult(model, p, outcome);
        results[i] = result;
        options.onKeyResult?.(result);
        if (result.verdict === 'not-linearizable' && options.exhaustive !== true) {
          // Let the rest of this round run, so partitions that need no more than a slice still get a verdict.
          stopReason ??= `not searched to the end: ${partitionLabel(p.key)} already shows the history is not linearizable`;
        }
      }
      if (stopReason === undefined && deadline.passed()) {
        stopReason = deadline.reason('searching');
        break;
      }
    }
    pending = pending.filter((i) => results[i] === undefined);
  }
  for (const i of pending) {
    partitions[i]!.search.abandon();
    release(partitions[i]!, budget);
  }
  const perKey = partitions.map(
    (p, i): KeyResult =>
      results[i] ?? { verdict: 'unknown', key: p.key, operations: p.operations, reason: stopReason ?? 'not searched' },
  );
  const verdict = combineVerdicts(perKey);
  return { verdict, perKey, explanation: explain(model, verdict, perKey, options.timeoutMs) };
}

/** Pairs events into operations (see `pairOperations`) and checks them; pairing counts against the time budget. */
export function checkHistory<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  events: readonly HistoryEvent[],
  options: CheckOptions = {},
): CheckResult {
  const startedAt = options.startedAt ?? (options.clock ?? (() => performance.now()))();
  let ops: Operation[];
  try {
    ops = pairOperations(events, undefined, Deadline.of({ ...options, startedAt }));
  } catch (e) {
    if (!(e instanceof HistoryBudgetError)) throw e;
    const perKey: KeyResult[] = [{ verdict: 'unknown', key: undefined, operations: 0, reason: e.message }];
    return { verdict: 'unknown', perKey, explanation: explain(model, 'unknown', perKey, options.timeoutMs) };
  }
  return checkOperations(model, ops, { ...options, startedAt });
}

/**
 * Simplifies and prepares one partition and builds its search, looking at the clock every
 * CLOCK_EVERY ops, and reserves the memory its search form takes (HistoryBudgetError when the
 * time or the memory runs out).
 */
function prepare<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  part: readonly Operation[],
  budget: MemoryBudget,
  deadline: Deadline,
): Partition<S, I, O> {
  const bytes = part.length * SEARCH_OP_BYTES;
  if (!budget.reserve(bytes)) {
    throw new HistoryBudgetError(
      `the memory budget of ${budgetMb(budget)} MiB ran out while preparing the operations for the search ` +
        `(${part.length} operations need about ${Math.ceil(bytes / 2 ** 20)} MiB more); raise --max-memory-mb`,
      'memory',
    );
  }
  try {
    const simplified = model.simplify === undefined ? part : model.simplify(part);
    deadline.check('simplifying');
    const members: Operation[] = [];
    const searchOps: SearchOp<I, O>[] = [];
    for (let k = 0; k < simplified.length; k++) {
      if (k % CLOCK_EVERY === CLOCK_EVERY - 1) deadline.check('preparing', `(operation ${k + 1} of ${simplified.length})`);
      const op = simplified[k]!;
      const prepared = model.prepare(op);
      if (prepared === null) continue;
      members.push(op);
      searchOps.push({
        call: op.call,
        return: op.return,
        required: op.status === 'ok',
        input: prepared.input,
        output: prepared.output,
        readOnly: prepared.readOnly === true,
      });
    }
    deadline.check('preparing');
    const search = new LinearizationSearch(model, searchOps, budget, MAX_SEARCH_STATES, () => deadline.check('indexing'));
    deadline.check('indexing');
    return { key: part[0]?.key, operations: part.length, members, search, bytes };
  } catch (e) {
    budget.release(bytes);
    throw e;
  }
}

/** Returns a finished partition's search-form memory to the budget. */
function release<S extends StateKey, I, O>(p: Partition<S, I, O>, budget: MemoryBudget): void {
  budget.release(p.bytes);
  p.bytes = 0;
}

function budgetMb(budget: MemoryBudget): number {
  return budget.limit / (1024 * 1024);
}

function toKeyResult<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  { key, operations, members }: Partition<S, I, O>,
  outcome: SearchOutcome<S>,
): KeyResult {
  const pick = (indices: readonly number[]): Operation[] => indices.map((i) => members[i]!);
  const whyOf = (stuck: readonly Operation[], state: string) => {
    const why = stuck.flatMap((op) => {
      const text = model.explainStuck?.(op, members, state);
      return text === undefined ? [] : [{ id: op.id, text }];
    });
    return why.length === 0 ? {} : { why };
  };
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
          ...whyOf(pick(outcome.stuck), model.describeState(outcome.state)),
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

