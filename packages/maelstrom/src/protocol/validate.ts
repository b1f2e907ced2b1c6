import type { MaelstromMessage } from './message.ts';

/** Longest line a node may write; longer lines are protocol errors (the bound on one message). */
export const MAX_LINE_BYTES = 1 << 20;

/** Why a line a node wrote was refused, naming the node and the line number. */
export interface ProtocolViolation {
  readonly node: string;
  /** 1-based line number on the node's stdout (counted across restarts). */
  readonly line: number;
  readonly reason: string;
  /** The start of the offending line. */
  readonly text: string;
}

/** The outcome of validating one line: a message to route, or a violation to count. */
export type LineVerdict =
  | { readonly ok: true; readonly message: MaelstromMessage }
  | { readonly ok: false; readonly violation: ProtocolViolation };

/**
 * Checks one line a node wrote against the protocol: JSON object, string `src` equal to the
 * node's own id, string `dest` naming a known node, client or service, object `body` with a
 * string `type`, integer `msg_id`/`in_reply_to` when present.
 */
export function validateLine(node: string, lineNo: number, line: string, isKnown: (id: string) => boolean): LineVerdict {
  const bad = (reason: string): LineVerdict => ({ ok: false, violation: { node, line: lineNo, reason, text: line.slice(0, 200) } });
  if (line.length > MAX_LINE_BYTES) return bad(`line is longer than ${MAX_LINE_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    return bad(`not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return bad('must be a JSON object with src, dest and body');
  const o = parsed as Record<string, unknown>;
  if (typeof o['src'] !== 'string') return bad('missing "src" (a string)');
  if (o['src'] !== node) return bad(`"src" is ${JSON.stringify(o['src'])} but this node is ${node}`);
  if (typeof o['dest'] !== 'string') return bad('missing "dest" (a string)');
  if (!isKnown(o['dest'])) return bad(`"dest" ${JSON.stringify(o['dest'])} is not a known node, client or service`);
  const body = o['body'];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('missing "body" (an object)');
  const b = body as Record<string, unknown>;
  if (typeof b['type'] !== 'string') return bad('"body.type" must be a string');
  for (const field of ['msg_id', 'in_reply_to'] as const) {
    if (b[field] !== undefined && !Number.isSafeInteger(b[field])) return bad(`"body.${field}" must be an integer`);
  }
  return { ok: true, message: parsed as MaelstromMessage };
}

/** One-line rendering of a violation, e.g. `n2 line 7: missing "dest" (a string): {"src":…}`. */
export function describeViolation(v: ProtocolViolation): string {
  return `${v.node} line ${v.line}: ${v.reason}: ${v.text}`;
}
