import { address, defineActor, HybridLogicalClock, Rejection, type Address, type NodeId } from '@faultline/core';
import type { ReadReply, RegisterRequest, RegisterValue } from '../protocol.ts';
import { contextOf, mergeVersions, newVersion, valuesOf, type ConflictPolicy, type Version } from './versions.ts';

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

/** A write's reply from the AP register: includes the version's causal context, for accounting. */
export interface ApWriteReply {
  readonly written: true;
  readonly context: Record<string, number>;
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
    const store = new Map<string, Version>(ctx.storage.keys().map((k) => [k, ctx.storage.get<Version>(k) as Version]));
    const save = (key: string, version: Version) => {
      store.set(key, version);
      ctx.storage.set(key, version);
    };
    const peers: Address[] = (props.replicas ?? ctx.clusterNodes)
      .filter((n) => n !== ctx.self.node)
      .map((n) => address(n as NodeId, ctx.self.name));
    const hlc = new HybridLogicalClock(() => Math.max(0, ctx.now()), { maxOffsetMs: Infinity });

    const merge = (entries: Record<string, Version>): Record<string, Version> => {
      const newer: Record<string, Version> = {};
      for (const [key, incoming] of Object.entries(entries)) {
        if (incoming.kind === 'lww') hlc.receive(incoming.ts);
        const merged = mergeVersions(store.get(key), incoming);
        save(key, merged);
        newer[key] = merged;
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

    const resolve = (values: RegisterValue[]): RegisterValue =>
      values.reduce<RegisterValue>((best, v) => (best === null || (v !== null && String(v) > String(best)) ? v : best), null);

    return {
      receive(message: Message, incoming) {
        switch (message.type) {
          case 'write': {
            const ts = props.policy === 'lww-wall' ? { l: Math.max(0, Math.floor(ctx.now())), c: 0 } : hlc.tick();
            const current = store.get(message.key);
            const version = newVersion(props.policy, current, ctx.self.node, message.value, ts);
            // Acknowledged either way; under LWW an older timestamp loses at once, even locally.
            save(message.key, mergeVersions(current, version));
            for (const p of peers) push(p, { [message.key]: version }, false);
            return { written: true, context: { ...contextOf(version) } } satisfies ApWriteReply;
          }
          case 'read': {
            const current = store.get(message.key);
            if (props.readRepair !== false && current) for (const p of peers) push(p, { [message.key]: current }, true);
            const values = valuesOf(current);
            return values.length > 1 ? { value: resolve(values), siblings: values } : { value: values[0] ?? null } satisfies ReadReply;
          }
          case 'ap-sync': {
            const merged = merge(message.entries);
            if (message.wantReply) push(incoming.from, merged, false);
            return undefined;
          }
          case 'ap-dump':
            return all();
          default: {
            const never: never = message;
            throw new Rejection('bad-request', `unknown request ${JSON.stringify(never)}`);
          }
        }
      },
    };
  },
});
