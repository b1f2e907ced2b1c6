import type { Operation } from '../history/operation.ts';

/** A model state the checker can memoize on: compared with `===` and used as a Map key. */
export type StateKey = string | number;

/** Whether an operation could take effect in a state, and if so the state after it. */
export type StepResult<S> = { ok: true; next: S } | { ok: false };

/** An operation translated into a model's own input and observed output. */
export interface Prepared<I, O> {
  /** What the operation asked for. */
  input: I;
  /** What it was observed to return (or that its outcome is unknown). */
  output: O;
  /**
   * True for an operation that never changes any state (a read). The search then places it as soon
   * as the model accepts it and tries nothing else in its place: any linearization that puts it
   * later can put it there instead, so the alternatives are already covered.
   */
  readOnly?: boolean;
}

/**
 * A sequential specification the checker linearizes operations against (Porcupine's `Model`).
 * Operations with status `fail` never reach a model: they definitely did not happen.
 */
export interface Model<S extends StateKey = StateKey, I = unknown, O = unknown> {
  /** The name used on the command line, e.g. `cas-register`. */
  readonly name: string;
  /** The state before any operation. */
  readonly init: S;
  /**
   * Translates an operation for `step`; null when it can neither change the state nor be
   * contradicted (e.g. a read of unknown result), so the search may leave it out.
   * Throws ModelInputError when the operation does not fit the model.
   */
  prepare(op: Operation): Prepared<I, O> | null;
  /** Applies one operation to a state: ok with the next state, or not ok if the output contradicts it. */
  step(state: S, input: I, output: O): StepResult<S>;
  /**
   * Optional: drops unknown-outcome operations of one partition that provably cannot change the
   * verdict (e.g. a timed-out write of a value that no operation ever observes), so the search
   * need not try placing them. Returns the operations to search, in the same order.
   */
  simplify?(ops: readonly Operation[]): Operation[];
  /**
   * Optional speed hint for string states: a state longer than this many characters is known by
   * the step that produced it instead of by its value, so the search need not hash every new long
   * state (for kv histories that hashing was two thirds of the search). Sound for any model: equal
   * states reached by different steps are only explored twice. It pays off when long states grow
   * by appending pieces that differ (kv, log), and costs pruning when different orders of steps
   * meet in one state (a set). Absent: every state is compared by value.
   */
  readonly stepIdentityAbove?: number;
  /** Splits operations into independent sub-histories (P-compositionality), e.g. one per key. */
  partition(ops: readonly Operation[]): Operation[][];
  /** Renders an operation readably, e.g. `cas(1, 4) → ok`. */
  describe(op: Operation): string;
  /** Renders a state readably, e.g. `nil` or `"x 0 1 y"`. */
  describeState(state: S): string;
  /**
   * Optional: why `op` (one the search could not place) cannot take effect, as a sentence in the
   * model's own terms from the partition's operations `ops` and real time, e.g. a counter's "the
   * read returned 169, below the 170 that the 170 adds acknowledged before it began sum to";
   * `state` is the state the search reached, rendered. Undefined when it has nothing to say.
   */
  explainStuck?(op: Operation, ops: readonly Operation[], state: string): string | undefined;
}

/** The shared `{ ok: false }` step result; rejecting allocates nothing. */
export const REJECTED: StepResult<never> = { ok: false };

/** An operation does not fit the model (unsupported f, malformed value); names the operation. */
export class ModelInputError extends Error {
  override readonly name = 'ModelInputError';
  /** The offending operation. */
  readonly op: Operation;

  constructor(model: string, op: Operation, problem: string) {
    super(
      `the ${model} model cannot check operation #${op.id} (process ${op.process}, ${op.f}` +
        `${op.key === undefined ? '' : ` key ${JSON.stringify(op.key)}`}, called at ${op.call}): ${problem}`,
    );
    this.op = op;
  }
}
