import type { Deadline } from '../check/deadline.ts';
import { HistoryParseError } from '../history/errors.ts';
import { EVENT_TYPES, isEventType, isOpFunction, OP_FUNCTIONS, type HistoryEvent } from '../history/event.ts';
import type { JsonValue } from '../history/value.ts';
import { EdnSyntaxError, readEdn, type EdnMap, type EdnValue } from './edn.ts';
import { forEachLine } from './lines.ts';
import type { ParsedHistory } from './parsed.ts';

/**
 * Parses a Jepsen EDN history, one map per line:
 * `{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}`.
 * Events of non-integer processes (`:nemesis`) are skipped. `:time` (Jepsen's nanoseconds) becomes
 * ms; without it, an event's time is its line number, so file order is real-time order.
 */
export function parseJepsenEdn(text: string, deadline: number | Deadline = Infinity): ParsedHistory {
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  forEachLine(text, (raw, line) => {
    const event = parseJepsenEdnLine(raw, line);
    if (event === undefined) return;
    events.push(event);
    lines.push(line);
  }, deadline);
  return { format: 'jepsen-edn', events, lines };
}

/** Parses one Jepsen EDN line into an event; undefined for a blank line or a non-client (`:nemesis`) event. */
export function parseJepsenEdnLine(raw: string, line: number): HistoryEvent | undefined {
  if (raw.trim() === '') return undefined;
  let value: EdnValue;
  try {
    value = readEdn(raw);
  } catch (e) {
    if (e instanceof EdnSyntaxError) throw new HistoryParseError(line, e.message);
    throw e;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value.kind !== 'map') {
    throw new HistoryParseError(line, 'expected one EDN map per line, like {:process 0, :type :invoke, :f :read, :value nil}');
  }
  return toEvent(value, line);
}

function toEvent(map: EdnMap, line: number): HistoryEvent | undefined {
  const get = (k: string): EdnValue | undefined => map.entries.get(k);
  const process = get('process');
  if (isKeyword(process)) return undefined; // :nemesis and friends are not clients
  if (typeof process !== 'number' || !Number.isSafeInteger(process)) {
    throw new HistoryParseError(line, `:process must be an integer; got ${describe(process)}`);
  }
  const type = get('type');
  if (!isKeyword(type) || !isEventType(type.name)) {
    throw new HistoryParseError(line, `:type must be one of ${EVENT_TYPES.map((t) => `:${t}`).join(' ')}; got ${describe(type)}`);
  }
  const f = get('f');
  if (!isKeyword(f) || !isOpFunction(f.name)) {
    throw new HistoryParseError(line, `:f must be one of ${OP_FUNCTIONS.map((n) => `:${n}`).join(' ')}; got ${describe(f)}`);
  }
  const key = get('key');
  if (key !== undefined && typeof key !== 'string' && typeof key !== 'number') {
    throw new HistoryParseError(line, `:key must be a string or integer; got ${describe(key)}`);
  }
  const time = get('time');
  if (time !== undefined && typeof time !== 'number') {
    throw new HistoryParseError(line, `:time must be a number of nanoseconds; got ${describe(time)}`);
  }
  const event: HistoryEvent = {
    type: type.name,
    process,
    f: f.name,
    value: toJson(get('value') ?? null),
    time: time === undefined ? line : time / 1e6,
  };
  if (key !== undefined) event.key = String(key);
  return event;
}

function isKeyword(v: EdnValue | undefined): v is { kind: 'keyword'; name: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'keyword';
}

/** Keywords become `":name"` strings; keyword maps become objects keyed by name. */
function toJson(v: EdnValue): JsonValue {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (v.kind === 'keyword') return `:${v.name}`;
  const out: { [key: string]: JsonValue } = {};
  for (const [k, item] of v.entries) out[k] = toJson(item);
  return out;
}

function describe(v: EdnValue | undefined): string {
  if (v === undefined) return 'nothing';
  return JSON.stringify(toJson(v));
}
