import type { Envelope } from '../envelope.ts';
import { HLC_MAX_C, HLC_MAX_L } from '../clock/hlc-timestamp.ts';

/**
 * The trust boundary of a node: what an arriving envelope must look like before any of it is used.
 * Bytes from a link are untrusted (a corrupted frame can decode cleanly into nonsense), so the kind,
 * ids, the reference to an ask, a failure's shape and the clock stamps are checked here, once, for
 * every runtime. Returns what is wrong, or undefined for a well-formed envelope.
 */
export function envelopeProblem(e: Envelope): string | undefined {
  if (typeof e !== 'object' || e === null) return 'envelope is not an object';
  const kind = e.kind;
  // Four comparisons, not a Set lookup: every delivery runs this check.
  if (kind !== 'tell' && kind !== 'ask' && kind !== 'reply' && kind !== 'fail') return `envelope kind ${String(e.kind)} is not one of tell, ask, reply, fail`;
  if (!Number.isSafeInteger(e.id)) return `envelope id ${String(e.id)} is not a whole number`;
  const addressProblem = checkAddress(e.from, 'from') ?? checkAddress(e.to, 'to');
  if (addressProblem) return addressProblem;
  const answer = e.kind === 'reply' || e.kind === 'fail';
  if (answer && !Number.isSafeInteger(e.replyTo)) return `a ${e.kind} without the whole-number id of its ask (replyTo ${String(e.replyTo)})`;
  if (e.kind === 'fail') {
    const f = e.payload as { code?: unknown; message?: unknown; definite?: unknown } | null;
    if (typeof f !== 'object' || f === null) return 'a fail whose body is not a failure object';
    if (typeof f.code !== 'string' || typeof f.message !== 'string') return 'a fail whose body lacks a string code and message';
    if (f.definite !== undefined && typeof f.definite !== 'boolean') return 'a fail whose `definite` is not a boolean';
  }
  return e.stamps === undefined ? undefined : stampsProblem(e.stamps);
}

function checkAddress(a: Envelope['from'], which: string): string | undefined {
  if (typeof a !== 'object' || a === null || typeof a.node !== 'string' || typeof a.name !== 'string') {
    return `envelope ${which} address is not {node, name}`;
  }
  return undefined;
}

function stampsProblem(s: NonNullable<Envelope['stamps']>): string | undefined {
  if (typeof s !== 'object' || s === null) return 'clock stamps are not an object';
  if (s.lamport !== undefined && !(Number.isSafeInteger(s.lamport) && s.lamport >= 0)) return `Lamport stamp ${String(s.lamport)} is not a whole number >= 0`;
  const h = s.hlc;
  if (h !== undefined) {
    if (typeof h !== 'object' || h === null) return `HLC stamp ${String(h)} is not {l, c}`;
    if (!Number.isInteger(h.l) || h.l < 0 || h.l > HLC_MAX_L) return `HLC stamp l=${String(h.l)} is outside [0, 2^48)`;
    if (!Number.isInteger(h.c) || h.c < 0 || h.c > HLC_MAX_C) return `HLC stamp c=${String(h.c)} is outside [0, 65535]`;
  }
  if (s.vc !== undefined) {
    if (typeof s.vc !== 'object' || s.vc === null || Array.isArray(s.vc)) return 'vector clock stamp is not a map';
    for (const key in s.vc) {
      const v = (s.vc as Record<string, unknown>)[key];
      if (!Number.isSafeInteger(v) || (v as number) < 0) return `vector clock entry ${key}=${String(v)} is not a whole number >= 0`;
    }
  }
  return undefined;
}
