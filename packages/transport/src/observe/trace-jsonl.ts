import { closeSync, openSync, writeSync } from 'node:fs';
import { ConfigError, type NodeId } from '@faultline/core';

/** One message event, in the runtime's true time: the raw material of message diagrams. */
export interface MessageTraceEvent {
  readonly t: number;
  readonly ev: 'send' | 'deliver' | 'drop';
  readonly from: NodeId;
  readonly to: NodeId;
  /** `name@node` of sender and receiver. */
  readonly src: string;
  readonly dst: string;
  readonly kind: string;
  readonly id: number;
  readonly bytes: number;
  /** For drops: why. */
  readonly reason?: string;
}

/** The same event, as read back from JSONL (node ids as plain strings). */
export type TraceEventLike = Omit<MessageTraceEvent, 'from' | 'to'> & { readonly from: string; readonly to: string };

/** Longest actor address or message type a trace line keeps; longer ones end in `…` (issue 21). */
export const TRACE_NAME_CHARS = 64;

/**
 * `text` cut to at most `max` characters, the last being `…` when it was cut (never splitting a
 * surrogate pair). A trace keeps names for reading, not identity: one 100 KB message type made a
 * 2,000-message trace 193 MB.
 */
export function cutTraceText(text: string, max = TRACE_NAME_CHARS): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Renders one event as a JSON line with a fixed key order (no trailing newline); names cut at {@link TRACE_NAME_CHARS}. */
export function traceToJsonl(e: TraceEventLike): string {
  const line: Record<string, unknown> = {
    t: e.t, ev: e.ev, from: e.from, to: e.to, src: cutTraceText(e.src), dst: cutTraceText(e.dst), kind: e.kind, id: e.id, bytes: e.bytes,
  };
  if (e.reason !== undefined) line['reason'] = e.reason;
  return JSON.stringify(line);
}

/** Parses JSONL text written by a {@link JsonlTraceWriter}; blank lines are skipped. */
export function parseTraceJsonl(text: string): TraceEventLike[] {
  const out: TraceEventLike[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ConfigError(`line ${i + 1}`, raw, 'must be one JSON object');
    }
    const e = value as Partial<TraceEventLike> | null;
    if (typeof e !== 'object' || e === null || typeof e.t !== 'number' || typeof e.ev !== 'string' || typeof e.id !== 'number') {
      throw new ConfigError(`line ${i + 1}`, raw, 'must be a trace event with t, ev and id');
    }
    out.push(e as TraceEventLike);
  }
  return out;
}

/** Where JSONL lines go: a file path (written synchronously, in order) or a function taking each line. */
export type TraceSink = string | ((line: string) => void);

/**
 * Writes trace events as JSON lines. Use as `onTrace: (e) => writer.write(e)` on a simulation;
 * close it at the end of the run. File output is buffered and written synchronously, in order.
 */
export class JsonlTraceWriter {
  /** Lines written so far. */
  lines = 0;
  private readonly out: (text: string) => void;
  private fd: number | undefined;
  private buffer: string[] = [];
  private buffered = 0;
  private closed = false;

  constructor(sink: TraceSink) {
    if (typeof sink === 'string') {
      const fd = openSync(sink, 'w');
      this.fd = fd;
      this.out = (text) => {
        writeSync(fd, text);
      };
    } else if (typeof sink === 'function') {
      this.out = sink;
    } else {
      throw new ConfigError('sink', sink, 'must be a file path or a function taking each line');
    }
  }

  /** Appends one event. */
  write(event: TraceEventLike): void {
    if (this.closed) throw new ConfigError('writer', 'closed', 'must be open to write');
    const line = `${traceToJsonl(event)}\n`;
    this.lines++;
    if (this.fd === undefined) {
      this.out(line);
      return;
    }
    this.buffer.push(line);
    this.buffered += line.length;
    if (this.buffered >= 64 * 1024) this.flush();
  }

  /** Writes buffered lines to the file now. */
  flush(): void {
    if (this.buffer.length === 0) return;
    this.out(this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  /** Flushes and closes the file, if the sink is one. Further writes throw. */
  close(): void {
    if (this.closed) return;
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.closed = true;
  }
}
