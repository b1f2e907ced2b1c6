/**
 * How an ask ended. Exactly one of three, and the type makes callers handle all of them:
 * - `ok`: the reply arrived.
 * - `failed`: a definite failure — the other side did NOT act (e.g. no such actor, no quorum).
 * - `unknown`: no answer in time — the other side may or may not have acted.
 */
export type AskOutcome<R = unknown> =
  | { readonly status: 'ok'; readonly value: R }
  | { readonly status: 'failed'; readonly code: string; readonly message: string }
  | { readonly status: 'unknown'; readonly reason: UnknownReason; readonly message: string };

/** Why an ask's outcome is unknown. */
export type UnknownReason = 'timeout' | 'crashed' | 'indeterminate' | 'unencodable-reply' | 'shutdown' | 'node-crashed';

/** A registry entry for an error code, as in Maelstrom: is a failure with this code definite? */
export interface ErrorCodeInfo {
  readonly code: string;
  readonly definite: boolean;
  readonly meaning: string;
}

/** Error codes faultline itself produces. Definite ones mean the operation did not happen. */
export const ERROR_CODES: readonly ErrorCodeInfo[] = [
  { code: 'unknown-actor', definite: true, meaning: 'no actor of that name on the receiving node' },
  { code: 'actor-restarting', definite: true, meaning: 'the actor is backing off after a failure and did not see the message' },
  { code: 'rejected', definite: true, meaning: 'the suggested code for a Rejection: the handler refused and did not act (handlers may pick their own codes, such as no-quorum; every Rejection is definite)' },
  { code: 'clock-skew', definite: true, meaning: "the message's HLC stamp was further ahead of the receiver's clock than its max offset; it was refused" },
  { code: 'timeout', definite: false, meaning: 'no reply within the ask timeout; the request may have been applied' },
  { code: 'crashed', definite: false, meaning: 'the handler threw after it may have acted' },
  { code: 'indeterminate', definite: false, meaning: 'the actor gave up without knowing whether its effect happened (an Indeterminate)' },
  { code: 'unencodable-reply', definite: false, meaning: 'the handler ran but its reply could not be encoded; it may have acted' },
  { code: 'shutdown', definite: false, meaning: 'the asking node stopped before the reply arrived' },
  { code: 'node-down', definite: true, meaning: 'the cluster had reported the target node down (crashed or died) before the ask; it was not sent' },
  { code: 'node-crashed', definite: false, meaning: 'the cluster reported the target node down while the ask was pending; it may have acted' },
];

/** Builds an `ok` outcome. */
export function ok<R>(value: R): AskOutcome<R> {
  return { status: 'ok', value };
}

/** Thrown (or returned) by a handler to answer an ask with a definite failure: "I did not do it". */
export class Rejection extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'Rejection';
    this.code = code;
  }
}

/** True for a value a handler returned or threw to reject an ask. */
export function isRejection(value: unknown): value is Rejection {
  return value instanceof Rejection;
}

/**
 * Thrown (or returned) by a handler that gives up without knowing whether its effect happened,
 * e.g. a write that reached some replicas but not a quorum. The asker sees `unknown`; the
 * actor is not treated as failed.
 */
export class Indeterminate extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Indeterminate';
  }
}
