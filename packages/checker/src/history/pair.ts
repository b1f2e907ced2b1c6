import { HistoryPairingError } from './errors.ts';
import type { HistoryEvent } from './event.ts';
import type { Operation, OpStatus } from './operation.ts';

interface Outstanding {
  event: HistoryEvent;
  line: number;
  order: number;
}

/**
 * Pairs each invoke with its process's next completion (Jepsen semantics).
 * `ok` → status ok; `fail` → status fail (definitely did not happen); `info`, or no completion
 * by the end, → status unknown with return Infinity. `lines[i]` is event i's line in its file,
 * used in errors; without it events are numbered from 1.
 */
export function pairOperations(events: readonly HistoryEvent[], lines?: readonly number[]): Operation[] {
  const open = new Map<number, Outstanding>();
  const paired: { op: Operation; order: number }[] = [];
  events.forEach((event, i) => {
    const line = lines?.[i] ?? i + 1;
    const pending = open.get(event.process);
    if (event.type === 'invoke') {
      if (pending !== undefined) {
        throw new HistoryPairingError(
          line,
          event.process,
          `invoke of ${event.f} while the ${pending.event.f} invoked at line ${pending.line} is still outstanding; ` +
            'a process runs one operation at a time (after an info, continue under a new process id)',
        );
      }
      open.set(event.process, { event, line, order: i });
      return;
    }
    if (pending === undefined) {
      throw new HistoryPairingError(line, event.process, `${event.type} of ${event.f} without a preceding invoke`);
    }
    const call = pending.event;
    if (call.f !== event.f) {
      throw new HistoryPairingError(
        line,
        event.process,
        `${event.type} of ${event.f} completes an invoke of ${call.f} (line ${pending.line})`,
      );
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
    open.delete(event.process);
    const status: OpStatus = event.type === 'ok' ? 'ok' : event.type === 'fail' ? 'fail' : 'unknown';
    const known = status !== 'unknown';
    paired.push({
      op: {
        id: 0,
        process: call.process,
        f: call.f,
        key: call.key,
        input: call.value,
        output: known ? event.value : null,
        call: call.time,
        return: known ? event.time : Infinity,
        status,
      },
      order: pending.order,
    });
  });
  for (const { event, order } of open.values()) {
    paired.push({
      op: {
        id: 0,
        process: event.process,
        f: event.f,
        key: event.key,
        input: event.value,
        output: null,
        call: event.time,
        return: Infinity,
        status: 'unknown',
      },
      order,
    });
  }
  let sorted = true;
  for (let i = 1; i < paired.length && sorted; i++) {
    const a = paired[i - 1]!;
    const b = paired[i]!;
    sorted = a.op.call < b.op.call || (a.op.call === b.op.call && a.order < b.order);
  }
  if (!sorted) paired.sort((a, b) => a.op.call - b.op.call || a.order - b.order);
  return paired.map(({ op }, id) => {
    op.id = id;
    return op;
  });
}
