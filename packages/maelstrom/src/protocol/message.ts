/** A JSON value as it appears in a Maelstrom message body; an integer past 2^53 - 1 is a `bigint` (exact-json.ts). */
export type Json = null | boolean | number | bigint | string | Json[] | { [key: string]: Json };

/** A message body: a `type` plus whatever fields that type carries. */
export interface MessageBody {
  readonly type: string;
  readonly msg_id?: number;
  readonly in_reply_to?: number;
  readonly [field: string]: Json | undefined;
}

/** One Maelstrom message: a JSON object on one line with `src`, `dest` and `body`. */
export interface MaelstromMessage {
  readonly src: string;
  readonly dest: string;
  readonly body: MessageBody;
}

/** Maelstrom's error codes; `definite` errors mean the operation certainly did not happen. */
export const ERROR_CODES = {
  0: { name: 'timeout', definite: false },
  1: { name: 'node-not-found', definite: true },
  10: { name: 'not-supported', definite: true },
  11: { name: 'temporarily-unavailable', definite: true },
  12: { name: 'malformed-request', definite: true },
  13: { name: 'crash', definite: false },
  14: { name: 'abort', definite: true },
  20: { name: 'key-does-not-exist', definite: true },
  21: { name: 'key-already-exists', definite: true },
  22: { name: 'precondition-failed', definite: true },
  30: { name: 'txn-conflict', definite: true },
} as const satisfies Record<number, { name: string; definite: boolean }>;

/** Whether an error code means the request certainly had no effect (unknown codes are indefinite). */
export function isDefiniteError(code: number): boolean {
  const known = (ERROR_CODES as Record<number, { definite: boolean } | undefined>)[code];
  return known?.definite ?? false;
}

/** The name of an error code, e.g. `precondition-failed`, or `error-<code>` for custom codes. */
export function errorName(code: number): string {
  const known = (ERROR_CODES as Record<number, { name: string } | undefined>)[code];
  return known?.name ?? `error-${code}`;
}

/** Builds an error reply body. */
export function errorBody(inReplyTo: number | undefined, code: number, text: string): MessageBody {
  return inReplyTo === undefined ? { type: 'error', code, text } : { type: 'error', in_reply_to: inReplyTo, code, text };
}
