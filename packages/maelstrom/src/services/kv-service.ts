import type { Rng } from '@faultline/core';
import type { Endpoint, MaelstromNet } from '../net/maelstrom-net.ts';
import type { Json, MaelstromMessage, MessageBody } from '../protocol/message.ts';
import { applyKv, type KvOutcome } from './kv-semantics.ts';
import { VersionedKv } from './versioned-kv.ts';

/** The key-value services Maelstrom offers to node programs. */
export const KV_SERVICES = ['lin-kv', 'seq-kv', 'lww-kv'] as const;
export type KvServiceName = (typeof KV_SERVICES)[number];

/** Replicas of lww-kv: Maelstrom's `(eventual (lww-kv))` makes 2 (service.clj `eventual`). */
export const LWW_REPLICAS = 2;

/**
 * A key-value service with the semantics of Maelstrom's service.clj (`default-services`):
 * - `lin-kv` (`linearizable`): one copy; each request applies on arrival.
 * - `seq-kv` (`sequential`, 32 states): a request from node C is tried on a state drawn uniformly
 *   from the last one C saw up to the newest (stale reads, and a `cas` that fails on a stale
 *   value, happen); if it would change that state it runs on the newest instead. Each node sees
 *   a monotonic sequence of states.
 * - `lww-kv` (`eventual`, 2 replicas): each request goes to a replica drawn at random. In
 *   Maelstrom's source the merge of two replicas is computed and then discarded (the second
 *   `replicas'` binding in `Eventual/handle!` starts again from `replicas`), so the replicas never
 *   exchange state: reads flip between them and writes to the other one are lost. This does the same.
 * Each request costs O(1) (lww-kv, lin-kv) or O(32) (seq-kv), whatever the number of keys. A request
 * of another type gets no reply, as in Maelstrom (its `case` throws in the service thread).
 */
export class KvService implements Endpoint {
  readonly name: KvServiceName;
  private readonly net: MaelstromNet;
  private readonly rng: Rng;
  private readonly lin = new Map<string, Json>();
  private readonly seq = new VersionedKv();
  /** seq-kv: index of the newest state each client saw. */
  private readonly seen = new Map<string, number>();
  private readonly replicas: Map<string, Json>[] = Array.from({ length: LWW_REPLICAS }, () => new Map());

  constructor(name: KvServiceName, net: MaelstromNet, rng: Rng) {
    this.name = name;
    this.net = net;
    this.rng = rng;
  }

  deliver(message: MaelstromMessage): void {
    const reply = this.handle(message.src, message.body);
    if (reply === undefined) return;
    this.net.send({ src: this.name, dest: message.src, body: { ...reply, in_reply_to: (message.body['msg_id'] ?? null) as number } });
  }

  private handle(client: string, body: MessageBody): MessageBody | undefined {
    switch (this.name) {
      case 'lin-kv':
        return this.applyTo(this.lin, body);
      case 'lww-kv':
        return this.applyTo(this.replicas[this.rng.int(LWW_REPLICAS)]!, body);
      case 'seq-kv':
        return this.sequential(client, body);
      default: {
        const never: never = this.name;
        throw new Error(`unknown service ${String(never)}`);
      }
    }
  }

  private applyTo(store: Map<string, Json>, body: MessageBody): MessageBody | undefined {
    const outcome = applyKv(body, (k) => store.get(k), this.name === 'lww-kv' ? 'lww' : 'persistent');
    if (outcome?.write) store.set(outcome.write.key, outcome.write.value);
    return outcome?.reply;
  }

  /** Maelstrom's `Sequential/handle!`: speculate on a state between the client's last and the newest. */
  private sequential(client: string, body: MessageBody): MessageBody | undefined {
    const kv = this.seq;
    const from = this.seen.get(client) ?? 0;
    const index = from + this.rng.int(kv.lastIndex - from + 1);
    const state = kv.wrap(index);
    const speculative = applyKv(body, (k) => kv.get(k, state), 'persistent');
    if (speculative === undefined) return undefined;
    if (!speculative.write?.changes) {
      this.seen.set(client, index);
      return speculative.reply;
    }
    // It would change the state: run it on the newest state instead and append the result.
    const latest: KvOutcome = applyKv(body, (k) => kv.get(k, kv.lastIndex), 'persistent')!;
    if (latest.write) kv.append(latest.write.key, latest.write.value);
    else kv.append();
    this.seen.set(client, kv.lastIndex);
    return latest.reply;
  }
}
