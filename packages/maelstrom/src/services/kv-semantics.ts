import type { Json, MessageBody } from '../protocol/message.ts';

/** How one request to a key-value store turned out: the reply, and the write it makes (if any). */
export interface KvOutcome {
  readonly reply: MessageBody;
  /** The key and value the request stores; `changes` is false when the value was already that. */
  readonly write?: { readonly key: string; readonly value: Json; readonly changes: boolean };
}

/** Which of Maelstrom's key-value records answers: `PersistentKV` (lin-kv, seq-kv) or `LWWKV` (lww-kv). */
export type KvFlavour = 'persistent' | 'lww';

/**
 * One `read`, `write` or `cas` on a store seen through `lookup` (undefined = key absent), with the
 * semantics of Maelstrom's service.clj records: read of an absent key is error 20; `cas` on an
 * absent key creates it only with `create_if_not_exists` (PersistentKV; LWWKV ignores the flag,
 * as its source does) and otherwise is error 20; a `from` that differs is error 22. Any other
 * type gets no reply: Maelstrom's `case` throws and the service thread logs it. Keys and values
 * compare as JSON values (Clojure `=` on parsed JSON), so 1 and "1" are different keys.
 */
export function applyKv(body: MessageBody, lookup: (key: string) => Json | undefined, flavour: KvFlavour): KvOutcome | undefined {
  const key = jsonKey(body['key']);
  const current = lookup(key);
  switch (body.type) {
    case 'read':
      return { reply: current === undefined ? missing() : { type: 'read_ok', value: current } };
    case 'write': {
      const value = body['value'] ?? null;
      return { reply: { type: 'write_ok' }, write: { key, value, changes: current === undefined || !sameJson(current, value) } };
    }
    case 'cas': {
      const to = body['to'] ?? null;
      if (current === undefined) {
        const create = flavour === 'persistent' && truthy(body['create_if_not_exists']);
        return create ? { reply: { type: 'cas_ok' }, write: { key, value: to, changes: true } } : { reply: missing() };
      }
      const from = body['from'] ?? null;
      if (!sameJson(from, current)) return { reply: { type: 'error', code: 22, text: `current value ${canonical(current)} is not ${canonical(from)}` } };
      return { reply: { type: 'cas_ok' }, write: { key, value: to, changes: !sameJson(current, to) } };
    }
    default:
      return undefined;
  }
}

function missing(): MessageBody {
  return { type: 'error', code: 20, text: 'key does not exist' };
}

/** Clojure truthiness: everything but nil and false. */
function truthy(v: Json | undefined): boolean {
  return v !== undefined && v !== null && v !== false;
}

/** A key as a string that two equal JSON values share (an absent key is nil, as in Clojure). */
export function jsonKey(k: Json | undefined): string {
  return canonical(k ?? null);
}

/** JSON value equality (object key order does not matter). */
export function sameJson(a: Json, b: Json): boolean {
  return a === b || canonical(a) === canonical(b);
}

function canonical(v: Json): string {
  // A bigint (an integer past 2^53, read exactly: protocol/exact-json.ts) is its digits, as in JSON.
  if (typeof v === 'bigint') return (v as bigint).toString();
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k] as Json)}`).join(',')}}`;
}
