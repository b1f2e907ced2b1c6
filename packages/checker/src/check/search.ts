import type { Model, StateKey } from '../models/model.ts';
import { zobrist } from './zobrist.ts';
import { AddResult, ConfigCache } from './config-cache.ts';
import type { MemoryBudget } from './memory-budget.ts';
import { OpList } from './op-list.ts';
import { SearchIndex } from './search-index.ts';
import { Slab } from './slab.ts';

/** The most states one search keeps (a JS Map holds at most 2^24 entries); past it the search ends out of memory. */
export const MAX_SEARCH_STATES = (1 << 24) - 1;
/** `entry` when the current configuration is known to fail without trying its other candidates. */
const SETTLED = -2;
/** `transition`'s answer when the state table is full. */
const STATES_FULL = -2;

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
  /** The op never changes the state (see `Prepared.readOnly`). */
  readOnly?: boolean;
}

/** How a finished search ended: with a linearization, at the deepest dead end found, or out of memory. */
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
    }
  | { kind: 'out-of-memory'; explored: number; bytes: number; /** What ran out: the memory budget, or room in the state table. */ limit: 'budget' | 'states' };

/**
 * Wing & Gong's linearizability search with Lowe's memoization, as in Porcupine's `checkSingle`
 * (anishathalye/porcupine, checker.go): calls and returns sit in one time-ordered linked list;
 * linearizing an op lifts its entries out; reaching a return whose op is not yet linearized is a
 * dead end, so the search backtracks. A cache of (linearized set, state) prunes configurations
 * already explored; it stores each set compactly (see ConfigCache), so an entry costs a few words
 * however long the history. Unknown-outcome ops have no return entry: they may be linearized any
 * time after their call or never, and the search succeeds once every required op is linearized.
 * Because leaving an unknown op out is always allowed, an unknown op that would leave the state
 * as it is is never linearized: the configuration without it can do everything the one with it can.
 * States are interned to small ids and each op remembers its last transition, so the model is
 * asked again only when an op is tried in a new state. A model may ask for long string states to
 * be known by the step that made them (`stepIdentityAbove`), skipping the hash of each new one.
 * The search is resumable: `run` does a bounded amount of work, so partitions can take turns.
 * Ops are searched in call order; indices in outcomes are the caller's.
 */
export class LinearizationSearch<S extends StateKey, I, O> {
  private readonly model: Model<S, I, O>;
  /** Each op's model input and observed output, in call order. */
  private readonly inputs: I[];
  private readonly outputs: O[];
  private readonly index: SearchIndex;
  private readonly list: OpList;
  private readonly words: Uint32Array;
  private readonly unknown: Uint32Array;
  private readonly zob: Int32Array;
  private readonly cache: ConfigCache;
  private readonly slab: Slab;
  /** Set once the arrays went back to the pool: the search must not touch them again. */
  private released = false;
  private readonly stateIds = new Map<S, number>();
  private readonly states: S[] = [];
  private readonly budget: MemoryBudget;
  private readonly stepIdentityAbove: number;
  private readonly maxStates: number;
  private stateBytes = 0;
  private readonly memoFrom: Int32Array;
  private readonly memoTo: Int32Array;
  private readonly stack: Int32Array;
  private readonly stackIds: Int32Array;
  private readonly stackFrontiers: Int32Array;
  private depth = 0;
  private stateId: number;
  private frontier: number;
  private entry: number;
  private requiredLeft: number;
  private hash = 0;
  private readonly best: Int32Array;
  private bestDepth = -1;
  private bestState = 0;
  private bestStuck: number[] = [];
  /** The op whose return bounded the deepest dead end (-1: none). */
  private bestDue = -1;
  /** The lowest depth the stack has reached since `best` was copied from it. */
  private lowWater = 0;
  private outcome: SearchOutcome<S> | undefined;

  /**
   * `maxStates`: how many distinct states the search may keep before it ends out of memory;
   * `checkpoint` is called between the steps of building the index (a check looks at its clock there).
   */
  constructor(
    model: Model<S, I, O>,
    ops: readonly SearchOp<I, O>[],
    budget: MemoryBudget,
    maxStates = MAX_SEARCH_STATES,
    checkpoint: () => void = () => {},
  ) {
    this.model = model;
    this.maxStates = maxStates;
    this.budget = budget;
    // A small-integer sentinel, not Infinity, so the field keeps one representation for every model.
    this.stepIdentityAbove = model.stepIdentityAbove ?? 0x3fffffff;
    // One slab holds every array of the index, the list and the search; it goes back to the pool at the end.
    const n = ops.length;
    const wordCount = Math.max(1, Math.ceil(n / 32));
    // words, unknown (at most one bit per op), then zob, memoFrom, memoTo, stack, stackIds, stackFrontiers, best.
    const own = Slab.bytes([wordCount, 4], [wordCount, 4], [n, 4], [n, 4], [n, 4], [n, 4], [n, 4], [n, 4], [n, 4]);
    const slab = new Slab(SearchIndex.bytes(n) + OpList.bytes(n) + own);
    this.slab = slab;
    checkpoint();
    const index = new SearchIndex(ops, slab, checkpoint);
    this.index = index;
    checkpoint();
    this.inputs = new Array<I>(n);
    this.outputs = new Array<O>(n);
    for (let k = 0; k < n; k++) {
      const op = ops[index.order[k]!]!;
      this.inputs[k] = op.input;
      this.outputs[k] = op.output;
      if ((k & 0xffff) === 0xffff) checkpoint(); // up to a second per million ops on a loaded machine
    }
    checkpoint();
    this.list = new OpList(index.calls, index.returns, index.required, slab);
    checkpoint();
    this.cache = new ConfigCache(index.lastWord, index.unknownWords, budget, n);
    this.words = slab.uint32(wordCount);
    this.unknown = slab.uint32(index.unknownWords);
    this.zob = slab.int32(n);
    for (let i = 0; i < n; i++) this.zob[i] = zobrist(i);
    this.memoFrom = slab.int32(n).fill(-1);
    this.memoTo = slab.int32(n);
    this.stack = slab.int32(n);
    this.stackIds = slab.int32(n);
    this.stackFrontiers = slab.int32(n);
    this.best = slab.int32(n);
    this.stateId = this.intern(model.init);
    this.frontier = index.nextRequired[0]!;
    this.entry = this.readFirst(this.list.first(), this.stateId);
    this.requiredLeft = index.requiredCount;
    if (this.requiredLeft === 0) this.outcome = { kind: 'linearizable', order: [], explored: 0 };
  }

  /** Searches for at most `steps` loop iterations; returns the outcome once there is one. */
  run(steps: number): SearchOutcome<S> | undefined {
    if (this.outcome !== undefined) return this.outcome;
    if (this.released) throw new Error('LinearizationSearch.run after abandon: the search was ended and its memory freed');
    const { list, words, unknown, cache, stack, stackIds, stackFrontiers, zob, memoFrom, memoTo } = this;
    const { required, unknownIndex, nextRequired, readOnly } = this.index;
    // The list's lift, unlift and first are written out below: a first check of a history runs
    // mostly before V8 has optimised this loop, and there each call costs as much as its body.
    const { next, prev } = list;
    const n = this.inputs.length;
    const head = 2 * n;
    let { depth, stateId, entry, requiredLeft, hash, frontier, lowWater } = this;
    for (let budget = steps; budget > 0; budget--) {
      if (entry >= 0 && entry < n) {
        const e = entry;
        const nextId = memoFrom[e] === stateId ? memoTo[e]! : this.transition(e, stateId);
        if (nextId === STATES_FULL) {
          this.outcome = { kind: 'out-of-memory', explored: cache.size, bytes: this.budget.used, limit: 'states' };
          this.release();
          return this.outcome;
        }
        if (nextId < 0 || (nextId === stateId && required[e] === 0)) {
          // Rejected, or an unknown op that changes nothing: dominated by leaving it out.
          entry = next[e]!;
          continue;
        }
        words[e >>> 5]! |= 1 << (e & 31);
        const u = unknownIndex[e]!;
        if (u >= 0) unknown[u >>> 5]! |= 1 << (u & 31);
        let f = frontier;
        if (e === f) {
          f = nextRequired[e + 1]!;
          while (f < n && ((words[f >>> 5]! >>> (f & 31)) & 1) === 1) f = nextRequired[f + 1]!;
        }
        const nextHash = hash ^ zob[e]!;
        const added = cache.add(f, nextId, nextHash ^ Math.imul(nextId + 1, 0x27d4eb2d), words, unknown);
        if (added === AddResult.Added) {
          stack[depth] = e;
          stackIds[depth] = stateId;
          stackFrontiers[depth] = frontier;
          depth++;
          stateId = nextId;
          hash = nextHash;
          frontier = f;
          // list.lift(e): unlink the call entry, and the return entry of a required op.
          let p = prev[e]!;
          let q = next[e]!;
          next[p] = q;
          if (q !== -1) prev[q] = p;
          if (required[e] === 1) {
            const r = n + e;
            p = prev[r]!;
            q = next[r]!;
            next[p] = q;
            if (q !== -1) prev[q] = p;
            if (--requiredLeft === 0) return this.finishLinearizable(depth);
          }
          entry = this.readFirst(next[head]!, stateId);
          continue;
        }
        words[e >>> 5]! &= ~(1 << (e & 31));
        if (u >= 0) unknown[u >>> 5]! &= ~(1 << (u & 31));
        if (added === AddResult.OutOfMemory) {
          this.outcome = { kind: 'out-of-memory', explored: cache.size, bytes: this.budget.used, limit: 'budget' };
          this.release();
          return this.outcome;
        }
        // Already explored, so it failed. For a read that would have kept the state, so does this
        // configuration (the read could have gone first in any linearization): back up at once.
        entry = readOnly[e] === 1 && nextId === stateId ? SETTLED : next[e]!;
        continue;
      }
      // Dead end: a required op's return came before it could be linearized. Backtrack.
      if (entry !== SETTLED && depth > this.bestDepth) {
        this.recordDeadEnd(depth, stateId, lowWater);
        lowWater = depth;
      }
      if (depth === 0) return this.finishNotLinearizable();
      depth--;
      if (depth < lowWater) lowWater = depth;
      const undone = stack[depth]!;
      // A read placed as soon as it fitted left the state as it was: nothing else needs trying in
      // its place, since any linearization from here could have placed it first (Prepared.readOnly).
      const settled = readOnly[undone] === 1 && stackIds[depth] === stateId;
      stateId = stackIds[depth]!;
      frontier = stackFrontiers[depth]!;
      words[undone >>> 5]! &= ~(1 << (undone & 31));
      const u = unknownIndex[undone]!;
      if (u >= 0) unknown[u >>> 5]! &= ~(1 << (u & 31));
      hash ^= zob[undone]!;
      // list.unlift(undone): relink its return entry (a required op's), then its call entry.
      if (required[undone] === 1) {
        requiredLeft++;
        const r = n + undone;
        next[prev[r]!] = r;
        if (next[r] !== -1) prev[next[r]!] = r;
      }
      next[prev[undone]!] = undone;
      if (next[undone] !== -1) prev[next[undone]!] = undone;
      entry = settled ? SETTLED : next[undone]!;
    }
    this.depth = depth;
    this.stateId = stateId;
    this.entry = entry;
    this.requiredLeft = requiredLeft;
    this.hash = hash;
    this.frontier = frontier;
    this.lowWater = lowWater;
    return undefined;
  }

  /** Configurations explored so far (cache size). */
  get exploredStates(): number {
    return this.cache.size;
  }

  /**
   * Where to start trying the candidates of a configuration whose list starts at `first`: at a
   * read the model accepts in state `stateId` without changing it, when one has been called, else
   * at `first`. Such a read can go first in any linearization from here (Prepared.readOnly), so
   * the search places it before any write rather than explore every write ahead of it in call order
   * first; once it is placed the configuration is settled either way. Register 10p 1k: 52,771 search steps became 10,313 and 11,320 configurations 3,192.
   */
  private readFirst(first: number, stateId: number): number {
    const { next } = this.list;
    const { readOnly } = this.index;
    const { memoFrom, memoTo } = this;
    const n = this.inputs.length;
    for (let e = first; e >= 0 && e < n; e = next[e]!) {
      if (readOnly[e] !== 1) continue;
      const to = memoFrom[e] === stateId ? memoTo[e]! : this.transition(e, stateId);
      if (to === stateId) return e;
      if (to === STATES_FULL) break;
    }
    return first;
  }

  /** Keeps the dead end at `depth` as the deepest so far (the stack is unchanged from `lowWater` up since the last one). */
  private recordDeadEnd(depth: number, stateId: number, lowWater: number): void {
    this.best.set(this.stack.subarray(lowWater, depth), lowWater);
    this.bestDepth = depth;
    this.bestState = stateId;
    const { stuck, due } = this.list.frontier();
    this.bestStuck = stuck;
    this.bestDue = due ?? -1;
  }

  /** Ends the search at its deepest dead end: every configuration was explored. */
  private finishNotLinearizable(): SearchOutcome<S> {
    this.outcome = {
      kind: 'not-linearizable',
      prefix: this.callerOrder(this.best.subarray(0, this.bestDepth)),
      state: this.states[this.bestState]!,
      stuck: this.callerOrder(this.bestStuck),
      due: this.bestDue === -1 ? undefined : this.index.order[this.bestDue],
      explored: this.cache.size,
    };
    this.release();
    return this.outcome;
  }

  /** Ends the search with the linearization on the stack (its `depth` ops). */
  private finishLinearizable(depth: number): SearchOutcome<S> {
    this.outcome = { kind: 'linearizable', order: this.callerOrder(this.stack.subarray(0, depth)), explored: this.cache.size };
    this.release();
    return this.outcome;
  }

  /** Ends the search early (e.g. the time budget ran out) and frees its memory. */
  abandon(): void {
    this.release();
  }

  /** Asks the model what op `e` does in state `from`; remembers the answer (-1: rejected). */
  private transition(e: number, from: number): number {
    const state = this.states[from]!;
    const result = this.model.step(state, this.inputs[e]!, this.outputs[e]!);
    let to: number;
    if (!result.ok) to = -1;
    else if (result.next === state) to = from;
    else if (typeof result.next === 'string' && result.next.length > this.stepIdentityAbove) to = this.add(result.next);
    else to = this.intern(result.next);
    if (to === STATES_FULL) return to;
    this.memoFrom[e] = from;
    this.memoTo[e] = to;
    return to;
  }

  /** The id of state `s`, shared with every equal state seen before. */
  private intern(s: S): number {
    let id = this.stateIds.get(s);
    if (id === undefined) {
      id = this.add(s);
      if (id !== STATES_FULL) this.stateIds.set(s, id);
    }
    return id;
  }

  /** A new id for state `s`, or STATES_FULL. */
  private add(s: S): number {
    if (this.states.length >= this.maxStates) return STATES_FULL;
    // A state costs its table entries and, for strings, its characters.
    const bytes = 64 + (typeof s === 'string' ? s.length : 0);
    this.stateBytes += bytes;
    this.budget.used += bytes;
    this.states.push(s);
    return this.states.length - 1;
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.cache.dispose();
    this.slab.release();
    this.budget.release(this.stateBytes);
    this.stateBytes = 0;
  }

  private callerOrder(internal: ArrayLike<number>): number[] {
    const out = new Array<number>(internal.length);
    for (let i = 0; i < internal.length; i++) out[i] = this.index.order[internal[i]!]!;
    return out;
  }
}
