import type { Model, StateKey } from '../models/model.ts';
import { Bitset, zobrist } from './bitset.ts';
import { ConfigCache } from './config-cache.ts';
import { OpList } from './op-list.ts';

/** One operation as the search sees it: its interval and the model's view of it. */
export interface SearchOp<I, O> {
  /** Invocation time. */
  call: number;
  /** Completion time; Infinity when the outcome is unknown. */
  return: number;
  /** Whether it must be linearized (ok); unknown-outcome operations may be left out. */
  required: boolean;
  /** The model's input. */
  input: I;
  /** The model's observed output. */
  output: O;
}

/** How a finished search ended: with a linearization, or at the deepest dead end found. */
export type SearchOutcome<S> =
  | { kind: 'linearizable'; order: number[]; explored: number }
  | {
      kind: 'not-linearizable';
      /** The longest linearizable prefix found (op indices, in linearization order). */
      prefix: number[];
      /** The model state after that prefix. */
      state: S;
      /** Ops that could have gone next, none of which the model accepts. */
      stuck: number[];
      /** The op whose return bounds the candidates (it had to take effect before it returned). */
      due: number | undefined;
      explored: number;
    };

type DeadEnd<S> = Omit<Extract<SearchOutcome<S>, { kind: 'not-linearizable' }>, 'kind' | 'explored'>;

/**
 * Wing & Gong's linearizability search with Lowe's memoization, as in Porcupine's `checkSingle`
 * (anishathalye/porcupine, checker.go): calls and returns sit in one time-ordered linked list;
 * linearizing an op lifts its entries out; reaching a return whose op is not yet linearized is a
 * dead end, so the search backtracks. A cache of (linearized set, state) prunes configurations
 * already explored. Unknown-outcome ops have no return entry: they may be linearized any time
 * after their call or never, and the search succeeds once every required op is linearized.
 * Because leaving an unknown op out is always allowed, an unknown op that would leave the state
 * as it is is never linearized: the configuration without it can do everything the one with it can.
 * The search is resumable: `run` does a bounded amount of work, so partitions can take turns.
 */
export class LinearizationSearch<S extends StateKey, I, O> {
  private readonly model: Model<S, I, O>;
  private readonly ops: readonly SearchOp<I, O>[];
  private readonly list: OpList;
  private readonly linearized: Bitset;
  /** Zobrist value per op: the hash of a linearized set is the XOR over its members. */
  private readonly zob: Int32Array;
  private hash = 0;
  private readonly cache: ConfigCache;
  private readonly stateIds = new Map<S, number>();
  private readonly stack: Int32Array;
  private readonly stackIds: Int32Array;
  private readonly stackStates: S[];
  private depth = 0;
  private state: S;
  private stateId: number;
  private entry: number;
  private requiredLeft: number;
  private best: DeadEnd<S> | undefined;
  private outcome: SearchOutcome<S> | undefined;

  constructor(model: Model<S, I, O>, ops: readonly SearchOp<I, O>[]) {
    this.model = model;
    this.ops = ops;
    this.list = new OpList(ops);
    this.linearized = new Bitset(ops.length);
    this.cache = new ConfigCache(this.linearized.words.length);
    this.zob = Int32Array.from(ops, (_, i) => zobrist(i));
    this.stack = new Int32Array(ops.length);
    this.stackIds = new Int32Array(ops.length);
    this.stackStates = new Array<S>(ops.length);
    this.state = model.init;
    this.stateId = this.intern(model.init);
    this.entry = this.list.first();
    this.requiredLeft = ops.filter((op) => op.required).length;
    if (this.requiredLeft === 0) this.outcome = { kind: 'linearizable', order: [], explored: 0 };
  }

  /** Searches for at most `steps` loop iterations; returns the outcome once there is one. */
  run(steps: number): SearchOutcome<S> | undefined {
    if (this.outcome !== undefined) return this.outcome;
    const { model, ops, list, linearized, cache, stack, stackIds, stackStates, zob } = this;
    const { next } = list;
    const n = ops.length;
    let { depth, state, stateId, entry, requiredLeft, hash } = this;
    for (let budget = steps; budget > 0; budget--) {
      if (entry !== -1 && entry < n) {
        const op = ops[entry]!;
        const result = model.step(state, op.input, op.output);
        if (result.ok) {
          const nextState = result.next;
          if (!op.required && nextState === state) {
            entry = next[entry]!; // dominated by the current configuration
            continue;
          }
          const nextId = nextState === state ? stateId : this.intern(nextState);
          const nextHash = hash ^ zob[entry]!;
          if (cache.addWith(linearized, entry, nextId, nextHash ^ Math.imul(nextId + 1, 0x27d4eb2d))) {
            stack[depth] = entry;
            stackStates[depth] = state;
            stackIds[depth] = stateId;
            depth++;
            state = nextState;
            stateId = nextId;
            hash = nextHash;
            linearized.set(entry);
            list.lift(entry);
            if (op.required && --requiredLeft === 0) {
              this.outcome = { kind: 'linearizable', order: Array.from(stack.subarray(0, depth)), explored: cache.size };
              return this.outcome;
            }
            entry = list.first();
            continue;
          }
        }
        entry = next[entry]!;
        continue;
      }
      // Dead end: a required op's return came before it could be linearized. Backtrack.
      if (this.best === undefined || depth > this.best.prefix.length) this.best = this.deadEnd(depth, state);
      if (depth === 0) {
        this.outcome = { kind: 'not-linearizable', ...this.best, explored: cache.size };
        return this.outcome;
      }
      depth--;
      const undone = stack[depth]!;
      state = stackStates[depth]!;
      stateId = stackIds[depth]!;
      linearized.clear(undone);
      hash ^= zob[undone]!;
      if (ops[undone]!.required) requiredLeft++;
      list.unlift(undone);
      entry = next[undone]!;
    }
    this.depth = depth;
    this.state = state;
    this.stateId = stateId;
    this.entry = entry;
    this.requiredLeft = requiredLeft;
    this.hash = hash;
    return undefined;
  }

  /** Configurations explored so far (cache size). */
  get exploredStates(): number {
    return this.cache.size;
  }

  private intern(s: S): number {
    let id = this.stateIds.get(s);
    if (id === undefined) {
      id = this.stateIds.size;
      this.stateIds.set(s, id);
    }
    return id;
  }

  private deadEnd(depth: number, state: S): DeadEnd<S> {
    const { stuck, due } = this.list.frontier();
    return { prefix: Array.from(this.stack.subarray(0, depth)), state, stuck, due };
  }
}
