import type { Deadline } from '../check/deadline.ts';
import { HistoryParseError } from '../history/errors.ts';
import type { EventType, HistoryEvent, OpFunction } from '../history/event.ts';
import type { JsonValue } from '../history/value.ts';
import { forEachLine } from './lines.ts';
import type { ParsedHistory } from './parsed.ts';

const linePattern = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*?)\s*$/;

/**
 * Parses the etcd Jepsen log of Porcupine's corpus (a cas-register, initially nil):
 * `INFO  jepsen.util - 3  :invoke  :cas  [1 4]`. Time is the line number.
 * Semantics (corpora/porcupine/README.md): `:fail :read :timed-out` is a read whose result is
 * unknown and `:info` is indeterminate — both become `info` events; `:fail :cas` is a definite
 * failure and stays `fail`.
 */
export function parseEtcdLog(text: string, deadline: number | Deadline = Infinity): ParsedHistory {
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  forEachLine(text, (raw, line) => {
    const event = parseEtcdLogLine(raw, line);
    if (event === undefined) return;
    events.push(event);
    lines.push(line);
  }, deadline);
  return { format: 'etcd-log', events, lines };
}

/** Parses one etcd log line into an event; undefined for a blank line. */
export function parseEtcdLogLine(raw: string, line: number): HistoryEvent | undefined {
  if (raw.trim() === '') return undefined;
  const m = linePattern.exec(raw);
  if (m === null) {
    throw new HistoryParseError(line, 'expected "INFO  jepsen.util - <process> :invoke|:ok|:fail|:info :read|:write|:cas <value>"');
  }
  const [, processText, typeText, fText, valueText] = m as unknown as [string, string, EventType, OpFunction, string];
  const process = Number(processText);
  const value = parseValue(valueText, line);
  let type = typeText;
  if (value === timedOut) {
    if (type === 'invoke' || type === 'ok') throw new HistoryParseError(line, `:${type} cannot carry :timed-out`);
    if (type === 'fail' && fText !== 'read') {
      throw new HistoryParseError(line, `:fail :${fText} :timed-out is not in the corpus semantics (only reads time out as :fail)`);
    }
    type = 'info';
  }
  return { type, process, f: fText, value: value === timedOut ? null : value, time: line };
}

const timedOut = Symbol('timed-out');

function parseValue(text: string, line: number): JsonValue | typeof timedOut {
  if (text === 'nil') return null;
  if (text === ':timed-out') return timedOut;
  if (/^-?\d+$/.test(text)) return Number(text);
  const cas = /^\[\s*(-?\d+|nil)\s+(-?\d+|nil)\s*\]$/.exec(text);
  if (cas !== null) return [atom(cas[1]!), atom(cas[2]!)];
  throw new HistoryParseError(line, `value ${JSON.stringify(text)} is not nil, an integer, [from to] or :timed-out`);
}

function atom(text: string): JsonValue {
  return text === 'nil' ? null : Number(text);
}
