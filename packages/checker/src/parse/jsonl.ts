import { readFile, writeFile } from 'node:fs/promises';
import type { Deadline } from '../check/deadline.ts';
import { HistoryParseError } from '../history/errors.ts';
import { toHistoryEvent, type HistoryEvent } from '../history/event.ts';
import { forEachLine } from './lines.ts';
import type { ParsedHistory } from './parsed.ts';
import { findUnsafeInteger } from './unsafe-integer.ts';

/** Parses faultline's JSONL history: one event object per line; blank lines are ignored. */
export function parseJsonl(text: string, deadline: number | Deadline = Infinity): ParsedHistory {
  const events: HistoryEvent[] = [];
  const lines: number[] = [];
  forEachLine(text, (raw, line) => {
    const event = parseJsonlLine(raw, line);
    if (event === undefined) return;
    events.push(event);
    lines.push(line);
  }, deadline);
  return { format: 'jsonl', events, lines };
}

/** Parses one JSONL line into an event; undefined for a blank line. */
export function parseJsonlLine(raw: string, line: number): HistoryEvent | undefined {
  const source = raw.length > 0 && raw.charCodeAt(0) === 123 && raw.charCodeAt(raw.length - 1) === 125 ? raw : raw.trim(); // '{' … '}'
  if (source === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (e) {
    throw new HistoryParseError(line, `not valid JSON (${(e as Error).message})`);
  }
  const unsafe = findUnsafeInteger(source);
  if (unsafe !== undefined) {
    throw new HistoryParseError(line, `integer ${unsafe} is too large to read exactly (above 2^53 - 1); write it as a string`);
  }
  return toHistoryEvent(parsed, line);
}

/** Renders events as JSONL text, one object per line, with a trailing newline. */
export function formatJsonl(events: readonly HistoryEvent[]): string {
  return events
    .map((e) => {
      const { type, process, f, key, value, time } = e;
      return JSON.stringify(key === undefined ? { type, process, f, value, time } : { type, process, f, key, value, time });
    })
    .map((line) => `${line}\n`)
    .join('');
}

/** Reads a JSONL history file. */
export async function readJsonlFile(path: string): Promise<ParsedHistory> {
  return parseJsonl(await readFile(path, 'utf8'));
}

/** Writes events to a JSONL history file, replacing it. */
export async function writeJsonlFile(path: string, events: readonly HistoryEvent[]): Promise<void> {
  await writeFile(path, formatJsonl(events), 'utf8');
}
