import type { Envelope, FailurePayload } from '../envelope.ts';
import { formatAddress, type Address } from '../ids.ts';
import { Indeterminate, isRejection, type AskOutcome, type UnknownReason } from '../outcome.ts';
import { errorText } from './events.ts';

/** The body of a `fail` envelope: a failure, and whether it is definite (the actor did not act). */
export type Failure = FailurePayload & { readonly definite: boolean };

/**
 * What a handler's throw means for its asker: a `Rejection` is a definite failure, an
 * `Indeterminate` is unknown, anything else is a crash (unknown, and a supervision matter).
 */
export function failureOfThrow(error: unknown, actor: Address): { failure: Failure; crashed: boolean } {
  if (isRejection(error)) return { failure: { code: error.code, message: error.message, definite: true }, crashed: false };
  if (error instanceof Indeterminate) return { failure: { code: 'indeterminate', message: error.message, definite: false }, crashed: false };
  return { failure: { code: 'crashed', message: `${formatAddress(actor)} threw: ${errorText(error)}`, definite: false }, crashed: true };
}

/** What a handler's return value means: a failure when it returned a `Rejection` or `Indeterminate`, else a reply. */
export function failureOfValue(value: unknown): Failure | undefined {
  if (isRejection(value)) return { code: value.code, message: value.message, definite: true };
  if (value instanceof Indeterminate) return { code: 'indeterminate', message: value.message, definite: false };
  return undefined;
}

/** Indefinite codes that are reasons of their own; any other indefinite code is `indeterminate`. */
const REASONS: ReadonlySet<string> = new Set<UnknownReason>(['crashed', 'unencodable-reply', 'shutdown', 'node-crashed', 'timeout']);

/**
 * The outcome an asker sees for a `reply` or `fail` envelope: an indefinite code becomes the
 * `unknown` outcome's reason (as docs/reference.md lists). Takes an envelope that passed
 * `envelopeProblem`; a failure body it cannot read is still an outcome (unknown), never a throw.
 */
export function outcomeOfAnswer(envelope: Envelope): AskOutcome<unknown> {
  if (envelope.kind === 'reply') return { status: 'ok', value: envelope.payload };
  const f = envelope.payload as (FailurePayload & { definite?: boolean }) | null | undefined;
  if (typeof f !== 'object' || f === null || typeof f.code !== 'string') {
    return { status: 'unknown', reason: 'indeterminate', message: 'the answer could not be read' };
  }
  if (f.definite !== false) return { status: 'failed', code: f.code, message: String(f.message) };
  const reason = (REASONS.has(f.code) ? f.code : 'indeterminate') as UnknownReason;
  return { status: 'unknown', reason, message: String(f.message) };
}
