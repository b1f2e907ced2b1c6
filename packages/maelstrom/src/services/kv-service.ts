import type { Rng } from '@faultline/core';
import type { Endpoint, MaelstromNet } from '../net/maelstrom-net.ts';
import { errorBody, type Json, type MaelstromMessage, type MessageBody } from '../protocol/message.ts';
import { stringifyJsonExact } from '../protocol/exact-json.ts';

/** The key-value services Maelstrom offers to node programs. */
export const KV_SERVICES = ['lin-kv', 'seq-kv', 'lww-kv'] as const;
export type KvServiceName = (typeof KV_SERVICES)[number];

/** How many past states a seq-kv or lww-kv read may be served from. */
const HISTORY_DEPTH = 16;

type State = ReadonlyMap<string, Json>;

/**
 * A key-value service answering `read`, `write` and `cas` (with `create_if_not_exists`), with
 * Maelstrom's error codes 20 (key-does-not-exist) and 22 (precondition-failed).
 * - `lin-kv`: one copy; every request applies at the instant it arrives — linearizable.
 * - `seq-kv`: one total order of writes, but a node's read may return an older state, never older
 *   than what that node saw before — sequentially consistent (stale reads happen, seeded).
 * - `lww-kv`: reads may return any of the recent states, even going back — only eventually
 *   consistent, like a last-write-wins store read from lagging replicas.
 * Writes and cas always act on the latest state, so a cas loop converges on every service.
 */
export class KvService implements Endpoint {
  private states: State[] = [new Map()];
  /** Index (into all states ever) of the oldest state kept in `states`. */
  private base = 0;
  private readonly seen = new Map<string, number>();

  readonly name: KvServiceName;
  private readonly net: MaelstromNet;
  private readonly rng: Rng;

  constructor(name: KvServiceName, net: MaelstromNet, rng: Rng) {
    this.name = name;
    this.net = net;
    this.rng = rng;
  }

  deliver(message: MaelstromMessage): void {
    const body = message.body;
    const reply = (b: MessageBody) => this.net.send({ src: this.name, dest: message.src, body: { ...b, in_reply_to: body.msg_id ?? 0 } });
    const key = typeof body['key'] === 'string' || typeof body['key'] === 'number' || typeof body['key'] === 'bigint' ? String(body['key']) : undefined;
    if (key === undefined) return reply(errorBody(body.msg_id, 12, `${body.type} needs a "key"`));
    switch (body.type) {
      case 'read': {
        const state = this.readState(message.src);
        if (!state.has(key)) return reply(errorBody(body.msg_id, 20, `key ${key} does not exist`));
        return reply({ type: 'read_ok', value: state.get(key) ?? null });
      }
      case 'write':
        this.commit(message.src, key, body['value'] ?? null);
        return reply({ type: 'write_ok' });
      case 'cas': {
        const latest = this.latest();
        const exists = latest.has(key);
        if (!exists && body['create_if_not_exists'] !== true) return reply(errorBody(body.msg_id, 20, `key ${key} does not exist`));
        const current = exists ? latest.get(key) : (body['from'] ?? null);
        if (stringifyJsonExact(current) !== stringifyJsonExact(body['from'] ?? null)) {
          return reply(errorBody(body.msg_id, 22, `expected ${stringifyJsonExact(body['from'])}, but had ${stringifyJsonExact(current)}`));
        }
        this.commit(message.src, key, body['to'] ?? null);
        return reply({ type: 'cas_ok' });
      }
      default:
        return reply(errorBody(body.msg_id, 10, `${this.name} does not support ${body.type}`));
    }
  }

  private latest(): State {
    return this.states[this.states.length - 1]!;
  }

  private commit(client: string, key: string, value: Json): void {
    const next = new Map(this.latest());
    next.set(key, value);
    this.states.push(next);
    if (this.states.length > HISTORY_DEPTH) {
      this.states.shift();
      this.base++;
    }
    this.seen.set(client, this.base + this.states.length - 1);
  }

  private readState(client: string): State {
    const newest = this.base + this.states.length - 1;
    switch (this.name) {
      case 'lin-kv':
        return this.latest();
      case 'seq-kv': {
        const floor = Math.max(this.seen.get(client) ?? 0, this.base);
        const index = floor + this.rng.int(newest - floor + 1);
        this.seen.set(client, index);
        return this.states[index - this.base]!;
      }
      case 'lww-kv':
        return this.states[this.rng.int(this.states.length)]!;
      default: {
        const never: never = this.name;
        throw new Error(`unknown service ${String(never)}`);
      }
    }
  }
}
