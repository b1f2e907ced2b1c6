import type { MaelstromMessage } from './message.ts';
import { jsonDepthExceeds } from './json-depth.ts';
import { parseJsonExact } from './exact-json.ts';
import { escapeControl } from './terminal-text.ts';

/** Longest line a node may write; longer lines are protocol errors (the bound on one message). */
export const MAX_LINE_BYTES = 1 << 20;

/** Deepest nesting of arrays/objects in a line; deeper lines are refused before parsing. */
export const MAX_JSON_DEPTH = 256;

/** Why a line a node wrote was refused, naming the node and the line number. */
export interface ProtocolViolation {
  readonly node: string;
  /** 1-based line number on the node's stdout (counted across restarts). */
  readonly line: number;
  readonly reason: string;
  /** The start of the offending line. */
  readonly text: string;
}

/** Something unusual about a message that is delivered anyway, as Maelstrom would deliver it. */
export type ProtocolWarning = 'src-not-this-node' | 'body-without-type' | 'non-integer-msg-id' | 'non-integer-in-reply-to';

/** The outcome of validating one line: a message to route (with any warnings), or a violation. */
export type LineVerdict =
  | { readonly ok: true; readonly message: MaelstromMessage; readonly warnings: readonly ProtocolWarning[] }
  | { readonly ok: false; readonly violation: ProtocolViolation };

/**
 * Checks one line a node wrote. Maelstrom requires only a `src` and a `dest` that name known
 * ids (net/message.clj `validate`, net.clj `validate-msg`), so those are refused when wrong;
 * this harness also needs a JSON object `body` to route replies. Everything else Maelstrom
 * delivers is delivered here too, with a warning: a `src` other than the node (a proxy that
 * forwards with the client's `src`), a body without `type`, a null or non-integer `msg_id` /
 * `in_reply_to`.
 */
export function validateLine(node: string, lineNo: number, line: string, isKnown: (id: string) => boolean): LineVerdict {
  const bad = (reason: string): LineVerdict => ({ ok: false, violation: { node, line: lineNo, reason, text: line.slice(0, 200) } });
  if (line.length > MAX_LINE_BYTES) return bad(`line is longer than ${MAX_LINE_BYTES} bytes`);
  // Deep nesting parses, but structuredClone and JSON.stringify then overflow the stack.
  if (jsonDepthExceeds(line, MAX_JSON_DEPTH)) return bad(`nested deeper than ${MAX_JSON_DEPTH} levels`);
  let parsed: unknown;
  try {
    parsed = parseJsonExact(line); // integers past 2^53 stay exact, as bigint
  } catch (error) {
    return bad(`not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return bad('must be a JSON object with src, dest and body');
  const o = parsed as Record<string, unknown>;
  if (typeof o['src'] !== 'string') return bad('missing "src" (a string)');
  if (!isKnown(o['src'])) return bad(`"src" ${JSON.stringify(o['src'])} is not a known node, client or service`);
  if (typeof o['dest'] !== 'string') return bad('missing "dest" (a string)');
  if (!isKnown(o['dest'])) return bad(`"dest" ${JSON.stringify(o['dest'])} is not a known node, client or service`);
  const body = o['body'];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return bad('missing "body" (an object)');
  const b = body as Record<string, unknown>;
  const warnings: ProtocolWarning[] = [];
  if (o['src'] !== node) warnings.push('src-not-this-node');
  if (typeof b['type'] !== 'string') warnings.push('body-without-type');
  if (b['msg_id'] !== undefined && !Number.isSafeInteger(b['msg_id'])) warnings.push('non-integer-msg-id');
  if (b['in_reply_to'] !== undefined && !Number.isSafeInteger(b['in_reply_to'])) warnings.push('non-integer-in-reply-to');
  return { ok: true, message: parsed as MaelstromMessage, warnings };
}

/** One-line rendering of a violation, e.g. `n2 line 7: missing "dest" (a string): {"src":…}`, control characters escaped. */
export function describeViolation(v: ProtocolViolation): string {
  return escapeControl(`${v.node} line ${v.line}: ${v.reason}: ${v.text}`).replace(/\n/g, '\\n');
}
