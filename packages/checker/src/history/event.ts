import { HistoryParseError } from './errors.ts';
import { isJsonValue, MAX_VALUE_DEPTH, nestsDeeperThan, type JsonValue } from './value.ts';

/** The four Jepsen event kinds: an invocation and its three possible completions. */
export const EVENT_TYPES = ['invoke', 'ok', 'fail', 'info'] as const;

/** `invoke` starts an operation; `ok` it happened; `fail` it definitely did not; `info` unknown. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The operation names the checker's models understand. */
export const OP_FUNCTIONS = [
  'read', 'write', 'cas', 'get', 'put', 'append',
  // set and counter (add/read), unique ids (generate)
  'add', 'generate',
  // queue
  'enqueue', 'dequeue',
] as const;

/**
 * An operation name: register ops (`read`, `write`, `cas`), kv ops (`get`, `put`, `append`),
 * set and counter ops (`add`, `read`), unique-id ops (`generate`) or queue ops (`enqueue`, `dequeue`).
 */
export type OpFunction = (typeof OP_FUNCTIONS)[number];

/** One line of a history: a process invoking or completing an operation at a point in time. */
export interface HistoryEvent {
  /** Which half of an operation this is, and for completions, how it ended. */
  type: EventType;
  /** The client process; each process has at most one outstanding operation. */
  process: number;
  /** The operation name. */
  f: OpFunction;
  /** The key operated on, for keyed models (kv); absent for a single register. */
  key?: string;
  /** Argument on invoke (`[from, to]` for cas, null for reads); result on `ok` (the value read). */
  value: JsonValue;
  /** When the event happened, in ms of the runtime's true time (line order for logs without time). */
  time: number;
}

const eventTypes: ReadonlySet<string> = new Set(EVENT_TYPES);
const opFunctions: ReadonlySet<string> = new Set(OP_FUNCTIONS);

/** Whether `s` names an event type. */
export function isEventType(s: string): s is EventType {
  return eventTypes.has(s);
}

/** Whether `s` names an operation the models understand. */
export function isOpFunction(s: string): s is OpFunction {
  return opFunctions.has(s);
}

/** Validates a parsed JSON object as a HistoryEvent; throws HistoryParseError naming the field. */
export function toHistoryEvent(raw: unknown, line: number): HistoryEvent {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new HistoryParseError(line, 'expected a JSON object with type, process, f, value and time');
  }
  const o = raw as Record<string, unknown>;
  const { type, process, f, key, value, time } = o;
  if (typeof type !== 'string' || !isEventType(type)) {
    throw new HistoryParseError(line, `field "type" must be one of ${EVENT_TYPES.join(', ')}; got ${show(type)}`);
  }
  if (typeof process !== 'number' || !Number.isSafeInteger(process)) {
    throw new HistoryParseError(line, `field "process" must be an integer; got ${show(process)}`);
  }
  if (typeof f !== 'string' || !isOpFunction(f)) {
    throw new HistoryParseError(line, `field "f" must be one of ${OP_FUNCTIONS.join(', ')}; got ${show(f)}`);
  }
  if (key !== undefined && typeof key !== 'string') {
    throw new HistoryParseError(line, `field "key" must be a string when present; got ${show(key)}`);
  }
  if (nestsDeeperThan(value, MAX_VALUE_DEPTH)) {
    throw new HistoryParseError(line, `field "value" nests arrays or objects deeper than ${MAX_VALUE_DEPTH} levels`);
  }
  if (value !== undefined && !isJsonValue(value)) {
    throw new HistoryParseError(line, `field "value" must be a JSON value; got ${show(value)}`);
  }
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new HistoryParseError(line, `field "time" must be a finite number of ms; got ${show(time)}`);
  }
  const event: HistoryEvent = { type, process, f, value: value ?? null, time };
  if (key !== undefined) event.key = key;
  return event;
}

function show(x: unknown): string {
  return x === undefined ? 'nothing' : JSON.stringify(x) ?? String(x);
}
