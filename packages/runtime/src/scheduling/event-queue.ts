/**
 * Who scheduled an event: a name, or the address of the actor a delivery is for. An address is kept
 * as it is and formatted only if a stall report names it, so scheduling a delivery builds no string.
 */
export type EventOwner = string | { readonly node: string; readonly name: string };

/** One scheduled event of the simulation. */
export interface SimEvent {
  readonly time: number;
  readonly seq: number;
  /** What the event does; called as a method of the event (`this` is the event). Undefined once cancelled. */
  run: (() => void) | undefined;
  /** Who scheduled it (a node or actor), for stall reports. */
  readonly owner: EventOwner | undefined;
}

/**
 * Every queued event is one of these, whoever scheduled it, so the heap's comparisons see one object
 * shape (a second shape in the heap slows every queue in the process, the bare-queue bench's too).
 */
class QueuedEvent implements SimEvent {
  readonly time: number;
  readonly seq: number;
  run: (() => void) | undefined;
  readonly owner: EventOwner | undefined;
  /** What the event is about, for a `run` shared by many events (it reads `this.subject`). */
  readonly subject: unknown;

  constructor(time: number, seq: number, run: () => void, owner: EventOwner | undefined, subject: unknown) {
    this.time = time;
    this.seq = seq;
    this.run = run;
    this.owner = owner;
    this.subject = subject;
  }
}

/** An event whose `run` is shared and reads what it is about from `subject` (its `this`). */
export interface SubjectEvent<S> extends SimEvent {
  readonly subject: S;
}

/**
 * A binary min-heap of events ordered by (time, seq): ties in time run in scheduling order,
 * which is what makes a simulation replay exactly.
 */
export class EventQueue {
  private heap: SimEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `run` at `time`; returns the event so it can be cancelled. */
  push(time: number, run: () => void, owner?: EventOwner): SimEvent {
    return this.pushFor(time, run, owner, undefined);
  }

  /**
   * Schedules `run` at `time` about `subject`: `run` is called with the event as `this`, so one
   * function can serve many events (a simulated delivery allocates no closure). Numbered as `push`.
   */
  pushFor<S>(time: number, run: (this: SubjectEvent<S>) => void, owner: EventOwner | undefined, subject: S): SubjectEvent<S> {
    const event = new QueuedEvent(time, this.nextSeq++, run as () => void, owner, subject);
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as SimEvent;
      if (before(p, event)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
    return event as SubjectEvent<S>;
  }

  /** Removes and returns the earliest event. */
  pop(): SimEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as SimEvent, heap[l] as SimEvent)) c = r;
      const child = heap[c] as SimEvent;
      if (before(last, child)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  /** The earliest event's time, or undefined when empty. */
  peekTime(): number | undefined {
    return this.heap[0]?.time;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** Cancels a scheduled event: it stays in the heap but does nothing when popped. */
export function cancelEvent(event: SimEvent): void {
  event.run = undefined;
}
