import type { Operation } from '../history/operation.ts';
import { canonicalJson } from '../history/value.ts';
import { renderResult, renderValue, statusSuffix } from './describe.ts';
import { ModelInputError, REJECTED, type Model, type Prepared, type StepResult } from './model.ts';
import { partitionByKey } from './partition.ts';
import { whyQueue } from './why/queue.ts';

/** A queue operation on one key: enqueue one entry (canonical JSON + NUL) at the tail, or dequeue the head. */
export type QueueInput = { f: 'enqueue'; entry: string } | { f: 'dequeue' };

/**
 * What a queue operation was seen to return: the entry a dequeue took, that it found the queue
 * empty, or nothing to compare (a dequeue of unknown outcome, or an enqueue).
 */
export type QueueOutput = { kind: 'head'; entry: string } | { kind: 'empty' } | { kind: 'unobserved' };

// Like the log, a queue is kept as its entries in canonical JSON, each followed by NUL, which
// canonical JSON never contains unescaped: enqueueing is a concatenation, dequeueing a slice.
const END = '\u0000';
const DEQUEUE: QueueInput = { f: 'dequeue' };
const EMPTY: QueueOutput = { kind: 'empty' };
const UNOBSERVED: QueueOutput = { kind: 'unobserved' };
const STAYS_EMPTY: StepResult<string> = { ok: true, next: '' };

/**
 * A FIFO queue per key, initially empty (Herlihy & Wing's running example; Knossos' fifo-queue):
 * `enqueue v` appends v at the tail; an ok `dequeue` returns the head and removes it, or returns
 * nil when the queue is empty (and leaves it so). Keys are independent partitions. Catches
 * reordered, duplicated, lost and invented elements. null cannot be enqueued: nil means empty.
 *
 * Outcomes. A failed operation never happened. An enqueue of unknown outcome may be placed (the
 * value joins the tail at some point after its call) or left out. A dequeue of unknown outcome
 * is stepped as "removes the head, whatever it is" (nothing if empty); the search may also leave
 * it out. That is exact, not an approximation: had it taken effect, it did so at one instant after
 * its call, where a FIFO dequeue can only take the current head (or see empty and change
 * nothing); had it not, leaving it out is that history. Its return value is unseen, so no head
 * is contradicted. Removing some other element, or two, is not a queue's behaviour, so it is not
 * offered.
 *
 * readOnly: an ok dequeue that saw empty is accepted only in the empty state, and leaves it
 * empty, so it never changes any state it is accepted in, which is all `Prepared.readOnly`
 * needs (a linearization that places it later can place it at the first empty state instead).
 * Marking it lets the search place empty polls greedily. Every other dequeue and every enqueue
 * changes the state, so none is readOnly.
 *
 * simplify drops enqueues of unknown outcome whose value no ok dequeue returned (see below).
 *
 * Cost: a dequeue reveals only the head, so a wrong order of two overlapping enqueues shows only
 * when the later of the two reaches the head. The search's work grows with 2^(overlapping enqueue
 * pairs still queued): quick while queues stay short, exponential when a queue keeps growing.
 */
export const queueModel: Model<string, QueueInput, QueueOutput> = {
  name: 'queue',
  init: '',
  prepare(op: Operation): Prepared<QueueInput, QueueOutput> | null {
    switch (op.f) {
      case 'enqueue':
        if (op.input === null) {
          throw new ModelInputError('queue', op, 'enqueue needs a value that is not null; a dequeue returns nil for an empty queue');
        }
        return { input: { f: 'enqueue', entry: canonicalJson(op.input) + END }, output: UNOBSERVED };
      case 'dequeue':
        if (op.input !== null) {
          throw new ModelInputError('queue', op, `dequeue takes no argument (value null on invoke); got ${canonicalJson(op.input)}`);
        }
        if (op.status !== 'ok') return { input: DEQUEUE, output: UNOBSERVED };
        if (op.output === null) return { input: DEQUEUE, output: EMPTY, readOnly: true };
        return { input: DEQUEUE, output: { kind: 'head', entry: canonicalJson(op.output) + END } };
      default:
        throw new ModelInputError('queue', op, `unsupported operation ${op.f}; the queue model accepts enqueue and dequeue`);
    }
  },
  step(state: string, input: QueueInput, output: QueueOutput): StepResult<string> {
    switch (input.f) {
      case 'enqueue':
        return { ok: true, next: state + input.entry };
      case 'dequeue':
        return dequeue(state, output);
      default: {
        const never: never = input;
        throw new Error(`unknown queue input ${JSON.stringify(never)}`);
      }
    }
  },
  simplify: dropUnseenEnqueues,
  partition: partitionByKey,
  describe(op: Operation): string {
    const key = op.key === undefined ? '' : JSON.stringify(op.key);
    if (op.f === 'dequeue') return `dequeue(${key}) → ${renderResult(op, (v) => (v === null ? 'empty' : renderValue(v)))}`;
    return `${op.f}(${key === '' ? '' : `${key}, `}${renderValue(op.input)})${statusSuffix(op)}`;
  },
  describeState: (state) => `[${state === '' ? '' : state.slice(0, -1).split(END).join(', ')}]`,
  explainStuck: whyQueue,
};

/**
 * An enqueue of v of unknown outcome, where no ok dequeue returned v, cannot change the verdict:
 * in a linearization that places it, v is never at the head for an ok dequeue (that would return
 * v) nor present for an empty one, so every other operation sees the same head with v deleted;
 * either v stays to the end, or an unknown dequeue took it, and leaving out both the enqueue and
 * that dequeue is a linearization too. Dropping such enqueues (timed-out requests that never
 * took effect) spares the search trying each at every later point, which multiplies.
 */
function dropUnseenEnqueues(ops: readonly Operation[]): Operation[] {
  const seen = new Set<string>();
  for (const op of ops) if (op.f === 'dequeue' && op.status === 'ok' && op.output !== null) seen.add(canonicalJson(op.output));
  // An enqueue of null stays, so that prepare reports it.
  return ops.filter((op) => !(op.f === 'enqueue' && op.status === 'unknown' && op.input !== null && !seen.has(canonicalJson(op.input))));
}

function dequeue(state: string, output: QueueOutput): StepResult<string> {
  switch (output.kind) {
    case 'head':
      return state.startsWith(output.entry) ? { ok: true, next: state.slice(output.entry.length) } : REJECTED;
    case 'empty':
      return state === '' ? STAYS_EMPTY : REJECTED;
    case 'unobserved':
      // Unknown outcome: took the head, whatever it was (leaving it out covers "never happened").
      return state === '' ? STAYS_EMPTY : { ok: true, next: state.slice(state.indexOf(END) + 1) };
    default: {
      const never: never = output;
      throw new Error(`unknown queue output ${JSON.stringify(never)}`);
    }
  }
}
