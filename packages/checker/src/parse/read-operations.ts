import { getHeapStatistics } from 'node:v8';
import { CLOCK_EVERY, type Deadline } from '../check/deadline.ts';
import { EVENT_BYTES, READ_OP_BYTES, SEARCH_OP_BYTES, type MemoryBudget } from '../check/memory-budget.ts';
import { HistoryBudgetError } from '../history/errors.ts';
import type { HistoryEvent } from '../history/event.ts';
import type { Operation } from '../history/operation.ts';
import { OperationPairer } from '../history/pair.ts';
import type { HistoryFormat } from './parsed.ts';
import { streamHistoryFile } from './stream.ts';

/** A history file read as operations. */
export interface ReadOperations {
  /** The format the file was read as. */
  format: HistoryFormat;
  /** The paired operations, in call order. */
  ops: Operation[];
  /** The events, in file order, when asked for (`keepEvents`). */
  events: HistoryEvent[] | undefined;
  /** Bytes reserved from the budget for what was read (the caller releases them when done). */
  bytes: number;
}

/** Share of Node's heap limit the operations of a check may take (the rest is for everything else). */
const HEAP_SHARE = 0.75;

/**
 * Reads a history file as a stream and pairs its events into operations as they arrive, so
 * neither the text nor (unless `keepEvents`) the events are held whole. Looks at the time
 * budget every few thousand lines and charges the operations to the memory budget; throws
 * HistoryBudgetError when either runs out, or when the operations would not fit in Node's heap.
 */
export async function readOperations(
  path: string,
  options: {
    deadline: Deadline;
    budget: MemoryBudget;
    keepEvents: boolean;
    /** Node's heap limit in bytes; default `v8.getHeapStatistics().heap_size_limit` (tests pass a small one). */
    heapLimit?: number;
  },
): Promise<ReadOperations> {
  const { deadline, budget } = options;
  const pairer = new OperationPairer(deadline);
  const events: HistoryEvent[] | undefined = options.keepEvents ? [] : undefined;
  const heapLimit = (options.heapLimit ?? getHeapStatistics().heap_size_limit) * HEAP_SHARE;
  let count = 0;
  const held = (): number => (count >> 1) * READ_OP_BYTES + (events === undefined ? 0 : count * EVENT_BYTES);
  const format = await streamHistoryFile(
    path,
    (event, line) => {
      pairer.add(event, line);
      events?.push(event);
      if (++count % CLOCK_EVERY === 0) {
        const bytes = held();
        if (budget.used + bytes > budget.limit) {
          throw new HistoryBudgetError(
            `the memory budget of ${mib(budget.limit)} MiB ran out while reading line ${line}: the operations read so far ` +
              `take about ${mib(bytes)} MiB; raise --max-memory-mb`,
            'memory',
          );
        }
        // The search's form of the operations also lives on the heap; both must fit under Node's limit.
        if (bytes + (count >> 1) * SEARCH_OP_BYTES > heapLimit) {
          throw new HistoryBudgetError(
            `the history does not fit in Node's heap (limit ${mib(heapLimit / HEAP_SHARE)} MiB): at line ${line} its operations ` +
              `already need about ${mib(bytes + (count >> 1) * SEARCH_OP_BYTES)} MiB; run node with a larger --max-old-space-size`,
            'memory',
          );
        }
      }
    },
    { deadline, memoryBytes: budget.limit - budget.used },
  );
  const ops = pairer.finish();
  const bytes = held();
  budget.charge(bytes);
  return { format, ops, events, bytes };
}

function mib(bytes: number): number {
  return Math.ceil(bytes / 2 ** 20);
}
