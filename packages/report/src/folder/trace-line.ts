import type { Envelope } from '@faultline/core';
import { cutTraceText, type TraceEventLike } from '@faultline/transport';

/** Longest payload text kept per message. */
export const PAYLOAD_CHARS = 300;

/** A trace line of a run folder: the `--trace` event plus, on sends, what the message was. */
export type RunTraceEvent = TraceEventLike & {
  /** The payload's `type` field, when it has one, cut at TRACE_NAME_CHARS. */
  readonly type?: string;
  readonly lamport?: number;
  /** HLC as `l.c`. */
  readonly hlc?: string;
  readonly vc?: Readonly<Record<string, number>>;
  /** The payload as JSON, cut at {@link PAYLOAD_CHARS}. */
  readonly payload?: string;
};

/**
 * The event as a run folder keeps it: a send also gets its payload type, stamps and payload.
 * Fields are set in the order of a `--trace` line, then the extras, so `JSON.stringify` of the
 * result is its line (one call per event: this runs for every message of a recorded run).
 */
export function runTraceEvent(event: TraceEventLike, envelope: Envelope | undefined): RunTraceEvent {
  const e: Record<string, unknown> = {
    t: event.t, ev: event.ev, from: event.from, to: event.to, src: cutTraceText(event.src), dst: cutTraceText(event.dst), kind: event.kind, id: event.id, bytes: event.bytes,
  };
  if (event.reason !== undefined) e['reason'] = event.reason;
  if (event.ev === 'send' && envelope !== undefined) {
    const type = (envelope.payload as { type?: unknown } | null)?.type;
    if (typeof type === 'string') e['type'] = cutTraceText(type);
    const stamps = envelope.stamps;
    if (stamps?.lamport !== undefined) e['lamport'] = stamps.lamport;
    if (stamps?.hlc !== undefined) e['hlc'] = `${stamps.hlc.l}.${stamps.hlc.c}`;
    if (stamps?.vc !== undefined) e['vc'] = stamps.vc;
    e['payload'] = payloadText(envelope.payload);
  }
  return e as RunTraceEvent;
}

/** Renders a run trace event (as {@link runTraceEvent} builds it) as one JSON line. */
export function runTraceLine(e: RunTraceEvent): string {
  return JSON.stringify(e);
}

/** The payload as JSON text, cut short; values JSON cannot hold are shown by their type. */
export function payloadText(payload: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `<${v.length} bytes>` : v)) ?? 'undefined';
  } catch {
    text = `<${typeof payload}>`;
  }
  return text.length > PAYLOAD_CHARS ? `${text.slice(0, PAYLOAD_CHARS - 1)}…` : text;
}
