import type { Envelope } from '@faultline/core';
import { traceToJsonl, type TraceEventLike } from '@faultline/transport';

/** Longest payload text kept per message. */
export const PAYLOAD_CHARS = 300;

/** A trace line of a run folder: the `--trace` event plus, on sends, what the message was. */
export type RunTraceEvent = TraceEventLike & {
  /** The payload's `type` field, when it has one. */
  readonly type?: string;
  readonly lamport?: number;
  /** HLC as `l.c`. */
  readonly hlc?: string;
  readonly vc?: Readonly<Record<string, number>>;
  /** The payload as JSON, cut at {@link PAYLOAD_CHARS}. */
  readonly payload?: string;
};

/** Renders an event as a JSON line; a send also gets its payload type, stamps and payload. */
export function runTraceLine(event: TraceEventLike, envelope: Envelope | undefined): string {
  const base = traceToJsonl(event);
  if (event.ev !== 'send' || envelope === undefined) return base;
  const extra: Record<string, unknown> = {};
  const type = (envelope.payload as { type?: unknown } | null)?.type;
  if (typeof type === 'string') extra['type'] = type;
  const stamps = envelope.stamps;
  if (stamps?.lamport !== undefined) extra['lamport'] = stamps.lamport;
  if (stamps?.hlc !== undefined) extra['hlc'] = `${stamps.hlc.l}.${stamps.hlc.c}`;
  if (stamps?.vc !== undefined) extra['vc'] = stamps.vc;
  extra['payload'] = payloadText(envelope.payload);
  return `${base.slice(0, -1)},${JSON.stringify(extra).slice(1)}`;
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
