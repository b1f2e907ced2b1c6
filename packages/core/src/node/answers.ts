import type { Envelope, FailurePayload } from '../envelope.ts';
import { formatAddress, type Address } from '../ids.ts';
import { Indeterminate, isRejection, type AskOutcome } from '../outcome.ts';
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

/** The outcome an asker sees for a `reply` or `fail` envelope. */
export function outcomeOfAnswer(envelope: Envelope): AskOutcome<unknown> {
  if (envelope.kind === 'reply') return { status: 'ok', value: envelope.payload };
  const f = envelope.payload as FailurePayload & { definite?: boolean };
  return f.definite === false
    ? { status: 'unknown', reason: f.code === 'crashed' ? 'crashed' : 'indeterminate', message: f.message }
    : { status: 'failed', code: f.code, message: f.message };
}
