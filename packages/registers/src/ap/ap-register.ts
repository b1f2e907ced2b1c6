import { address, defineActor, HybridLogicalClock, Rejection, type Address, type HlcTimestamp, type NodeId, type VectorClock } from '@faultline/core';
import type { ReadReply, RegisterRequest, RegisterValue } from '../protocol.ts';
import { contextOf, mergeVersions, newVersion, seenWith, valuesOf, type ConflictPolicy, type Version } from './versions.ts';

/** Settings of the AP register. */
export interface ApRegisterProps {
  readonly policy: ConflictPolicy;
  /** Replica nodes; every node of the cluster by default. */
  readonly replicas?: readonly string[];
  /** Push-pull full state with one random replica this often (0 turns anti-entropy off). */
  readonly antiEntropyMs?: number;
  /** On every read, exchange the key with all replicas in the background. Default true. */
  readonly readRepair?: boolean;
}

/** Replica-to-replica state exchange: merge these versions; answer with yours when asked. */
export interface ApSync {
  readonly type: 'ap-sync';
  readonly entries: Record<string, Version>;
  readonly wantReply: boolean;
}

/** Tools ask a replica for everything it holds (convergence checks). */
export interface ApDump {
  readonly type: 'ap-dump';
}

/** A replica's full state, for tools: versions per key and the writes LWW discarded here. */
export interface ApReplicaState {
  readonly entries: Record<string, Version>;
  readonly discarded: readonly { key: string; value: RegisterValue }[];
}

/** A write's reply from the AP register: includes the write's causal context, for accounting. */
export interface ApWriteReply {
  readonly written: true;
  readonly context: VectorClock;
  /** The timestamp the write carries: the replica's wall clock (`lww-wall`) or its HLC (`lww-hlc`, `siblings`). */
  readonly stamp: HlcTimestamp;
}

type Message = RegisterRequest | ApSync | ApDump;

/**
 * An always-available register: every replica answers reads and writes at once from its own
 * copy, then spreads writes to the others (immediately, by read repair, and by periodic
 * anti-entropy). During a partition the sides diverge; after heal they converge. How concurrent
 * writes end is the conflict policy's choice (Dynamo, Riak, Cassandra).
 */
export const ApRegister = defineActor<Message, ApRegisterProps>({
  kind: 'registers.ap',
  setup(ctx, props) {
    // Durable like the CP register's: a crash loses nothing the replica acknowledged.
    const store = new Map<string, Version>(ctx.storage.keys('key:').map((k) => [k.slice(4), ctx.storage.get<Version>(k) as Version]));
    const seen = new Map<string, VectorClock>(ctx.storage.keys('seen:').map((k) => [k.slice(5), ctx.storage.get<VectorClock>(k) as VectorClock]));
    const discarded: { key: string; value: RegisterValue }[] = ctx.storage.get('discarded') ?? [];
    const peers: Address[] = (props.replicas ?? ctx.clusterNodes)
      .filter((n) => n !== ctx.self.node)
      .map((n) => address(n as NodeId, ctx.self.name));
    const hlc = new HybridLogicalClock(() => Math.max(0, ctx.now()), { maxOffsetMs: Infinity });

    const apply = (key: string, incoming: Version): Version => {
      const merged = mergeVersions(store.get(key), incoming);
      store.set(key, merged.version);
      ctx.storage.set(`key:${key}`, merged.version);
      const s = seenWith(seen.get(key), incoming);
      seen.set(key, s);
      ctx.storage.set(`seen:${key}`, s);
      if (merged.discarded && !discarded.some((d) => d.key === key && d.value === merged.discarded?.value)) {
        discarded.push({ key, value: merged.discarded.value });
        ctx.storage.set('discarded', discarded);
      }
      return merged.version;
    };
    const merge = (entries: Record<string, Version>): Record<string, Version> => {
      const newer: Record<string, Version> = {};
      for (const [key, incoming] of Object.entries(entries)) {
        if (incoming.kind === 'lww') hlc.receive(incoming.ts);
        newer[key] = apply(key, incoming);
      }
      return newer;
    };
    const push = (to: Address, entries: Record<string, Version>, wantReply: boolean) =>
      ctx.send(to, { type: 'ap-sync', entries, wantReply } satisfies ApSync);
    const all = (): Record<string, Version> => Object.fromEntries(store);

    const antiEntropy = props.antiEntropyMs ?? 200;
    if (antiEntropy > 0 && peers.length > 0) {
      const tick = () => {
        if (store.size > 0) push(ctx.rng.pick(peers), all(), true);
        ctx.setTimer(antiEntropy, tick);
      };
      ctx.setTimer(antiEntropy * ctx.random(), tick);
    }

    // Siblings are resolved for the reader deterministically (largest value); all are returned too.
    const resolve = (values: RegisterValue[]): RegisterValue =>
      values.reduce<RegisterValue>((best, v) => (best === null || (v !== null && String(v) > String(best)) ? v : best), null);

    return {
      receive(message: Message, incoming) {
        switch (message.type) {
          case 'write': {
            const ts = props.policy === 'lww-wall' ? { l: Math.max(0, Math.floor(ctx.now())), c: 0 } : hlc.tick();
            const version = newVersion(props.policy, store.get(message.key), seen.get(message.key) ?? {}, ctx.self.node, message.value, ts);
            // Acknowledged either way; under LWW an older timestamp loses at once, even locally.
            apply(message.key, version);
            for (const p of peers) push(p, { [message.key]: version }, false);
            return { written: true, context: contextOf(version), stamp: ts } satisfies ApWriteReply;
          }
          case 'read': {
            const current = store.get(message.key);
            if (props.readRepair !== false && current) for (const p of peers) push(p, { [message.key]: current }, true);
            const values = valuesOf(current);
            return values.length > 1 ? { value: resolve(values), siblings: values } : ({ value: values[0] ?? null } satisfies ReadReply);
          }
          case 'ap-sync': {
            const merged = merge(message.entries);
            if (message.wantReply) push(incoming.from, merged, false);
            return undefined;
          }
          case 'ap-dump':
            return { entries: all(), discarded } satisfies ApReplicaState;
          default: {
            const never: never = message;
            throw new Rejection('bad-request', `unknown request ${JSON.stringify(never)}`);
          }
        }
      },
    };
  },
});
