import { CLOCK_EVERY, Deadline } from '../check/deadline.ts';
import { HistoryPairingError } from './errors.ts';
import type { HistoryEvent } from './event.ts';
import type { Operation, OpStatus } from './operation.ts';

interface Outstanding {
  event: HistoryEvent;
  line: number;
  order: number;
}

/** Process ids below this keep their outstanding invoke in an array slot; larger ones in a map. */
const SLOTS = 1 << 16;

const NO_DEADLINE = new Deadline(() => 0, Infinity, undefined);

/**
 * Pairs each invoke with its process's next completion (Jepsen semantics).
 * `ok` → status ok; `fail` → status fail (definitely did not happen); `info`, or no completion
 * by the end, → status unknown with return Infinity. `lines[i]` is event i's line in its file,
 * used in errors; without it events are numbered from 1. The clock is read every CLOCK_EVERY
 * events (HistoryBudgetError naming pairing once `deadline` has passed).
 */
export function pairOperations(events: readonly HistoryEvent[], lines?: readonly number[], deadline: Deadline = NO_DEADLINE): Operation[] {
  const pairer = new OperationPairer(deadline);
  for (let i = 0; i < events.length; i++) {
    if (i % CLOCK_EVERY === CLOCK_EVERY - 1) deadline.check('pairing', `at event ${i + 1}`);
    pairer.add(events[i]!, lines?.[i] ?? i + 1);
  }
  return pairer.finish();
}

/**
 * Pairs events one at a time as they are read, so a history need not be held as events and as
 * operations at once: only the outstanding invokes are kept. `finish` returns the operations
 * ordered by call time (ties in file order), numbered by that order. The caller looks at the
 * clock between events (a reader does every few thousand lines); `finish` looks at `deadline`
 * while it sorts.
 */
export class OperationPairer {
  private readonly deadline: Deadline;
  /** Outstanding invokes of processes 0 ≤ p < SLOTS, by process (most histories number processes from 0). */
  private readonly slots: (Outstanding | undefined)[] = [];
  /** Outstanding invokes of other processes. */
  private readonly open = new Map<number, Outstanding>();
  private readonly ops: Operation[] = [];
  /** `orders[k]`: the event number of op k's invoke (breaks ties in call time). */
  private readonly orders: number[] = [];
  private events = 0;
  private sorted = true;

  constructor(deadline: Deadline = NO_DEADLINE) {
    this.deadline = deadline;
  }

  /** How many operations are complete (paired) so far. */
  get paired(): number {
    return this.ops.length;
  }

  /** Takes the next event, from source line `line`; throws HistoryPairingError when it does not pair up. */
  add(event: HistoryEvent, line: number = this.events + 1): void {
    const order = this.events++;
    const p = event.process;
    const slot = p >= 0 && p < SLOTS;
    const pending = slot ? this.slots[p] : this.open.get(p);
    if (event.type === 'invoke') {
      if (pending !== undefined) {
        throw new HistoryPairingError(
          line,
          event.process,
          `invoke of ${event.f} while the ${pending.event.f} invoked at line ${pending.line} is still outstanding; ` +
            'a process runs one operation at a time (after an info, continue under a new process id)',
        );
      }
      const outstanding = { event, line, order };
      if (slot) {
        while (this.slots.length <= p) this.slots.push(undefined);
        this.slots[p] = outstanding;
      } else {
        this.open.set(p, outstanding);
      }
      return;
    }
    if (pending === undefined) {
      throw new HistoryPairingError(line, event.process, `${event.type} of ${event.f} without a preceding invoke`);
    }
    const call = pending.event;
    if (call.f !== event.f) {
      throw new HistoryPairingError(line, event.process, `${event.type} of ${event.f} completes an invoke of ${call.f} (line ${pending.line})`);
    }
    if (call.key !== event.key) {
      throw new HistoryPairingError(
        line,
        event.process,
        `${event.type} names key ${String(event.key)} but its invoke (line ${pending.line}) names ${String(call.key)}`,
      );
    }
    if (event.time < call.time) {
      throw new HistoryPairingError(
        line,
        event.process,
        `completes at time ${event.time}, before its invoke at time ${call.time} (line ${pending.line})`,
      );
    }
    if (slot) this.slots[p] = undefined;
    else this.open.delete(p);
    const status: OpStatus = event.type === 'ok' ? 'ok' : event.type === 'fail' ? 'fail' : 'unknown';
    const known = status !== 'unknown';
    this.push(call, pending.order, known ? event.value : null, known ? event.time : Infinity, status);
  }

  /** Ends the history: invokes never completed become unknown-outcome operations. Returns all operations. */
  finish(): Operation[] {
    const never = [...this.slots.filter((o) => o !== undefined), ...this.open.values()].sort((a, b) => a.order - b.order);
    for (const { event, order } of never) this.push(event, order, null, Infinity, 'unknown');
    this.slots.length = 0;
    this.open.clear();
    const { ops, orders } = this;
    let result = ops;
    if (!this.sorted) {
      const index = Array.from(ops, (_, k) => k);
      let compared = 0;
      index.sort((a, b) => {
        // A sort of millions of ops takes seconds: look at the clock while it runs (throwing ends it).
        if (++compared % (CLOCK_EVERY * 8) === 0) this.deadline.check('pairing', '(sorting them by call time)');
        return ops[a]!.call - ops[b]!.call || orders[a]! - orders[b]!;
      });
      result = index.map((k) => ops[k]!);
    }
    for (let id = 0; id < result.length; id++) result[id]!.id = id;
    return result;
  }

  private push(call: HistoryEvent, order: number, output: HistoryEvent['value'], ret: number, status: OpStatus): void {
    const k = this.ops.length;
    if (k > 0 && this.sorted) {
      const last = this.ops[k - 1]!.call;
      this.sorted = last < call.time || (last === call.time && this.orders[k - 1]! < order);
    }
    this.ops.push({ id: k, process: call.process, f: call.f, key: call.key, input: call.value, output, call: call.time, return: ret, status });
    this.orders.push(order);
  }
}
