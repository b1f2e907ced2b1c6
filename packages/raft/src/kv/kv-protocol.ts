/** A value the store holds: a number or a string; null means never written. */
export type KvValue = number | string | null;

/** A client's request to any node of the Raft key-value store. */
export type KvRequest =
  | { readonly type: 'read'; readonly key: string }
  | { readonly type: 'write'; readonly key: string; readonly value: KvValue; readonly id?: string }
  | { readonly type: 'cas'; readonly key: string; readonly from: KvValue; readonly to: KvValue; readonly id?: string };

/** A command in the log. `id` is the client's request id, kept so a checker can find acknowledged writes. */
export type KvCommand =
  | { readonly op: 'read'; readonly key: string }
  | { readonly op: 'write'; readonly key: string; readonly value: KvValue; readonly id: string | null }
  | { readonly op: 'cas'; readonly key: string; readonly from: KvValue; readonly to: KvValue; readonly id: string | null };

/** Why a client request was refused before it reached Raft. */
export class KvRequestError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'KvRequestError';
  }
}

/** Longest key and string value accepted. */
export const MAX_KV_STRING = 1024;

const isValue = (v: unknown): v is KvValue =>
  v === null || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= MAX_KV_STRING);

/** Checks an untrusted client request, naming what was wrong. */
export function parseKvRequest(m: Record<string, unknown>): KvRequest {
  const key = m['key'];
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KV_STRING) throw new KvRequestError(`key must be a non-empty string of at most ${MAX_KV_STRING} characters`);
  const id = m['id'];
  if (id !== undefined && (typeof id !== 'string' || id.length > MAX_KV_STRING)) throw new KvRequestError('id must be a string when given');
  const withId = id === undefined ? {} : { id };
  switch (m['type']) {
    case 'read':
      return { type: 'read', key };
    case 'write':
      if (!isValue(m['value'])) throw new KvRequestError('write.value must be a number, a string or null');
      return { type: 'write', key, value: m['value'], ...withId };
    case 'cas':
      if (!isValue(m['from']) || !isValue(m['to'])) throw new KvRequestError('cas.from and cas.to must be numbers, strings or null');
      return { type: 'cas', key, from: m['from'], to: m['to'], ...withId };
    default:
      throw new KvRequestError(`unknown request type ${JSON.stringify(m['type'])}`);
  }
}

/** Reads the leader hint from a `not-leader` rejection's message ("… leader hint: n3"), if it names one. */
export function leaderHint(message: string): string | undefined {
  const m = /leader hint: (\S+)$/.exec(message);
  return m === null || m[1] === 'unknown' ? undefined : m[1];
}
