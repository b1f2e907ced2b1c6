import { address, defineActor, Rejection, type Address, type NodeId } from '@faultline/core';
import { defineExplore } from '../spec.ts';

/**
 * A planted bug: primary-backup replication where the primary retries a replicate message whose
 * ack timed out. The primary replicates one write at a time (a bounded queue), so two writes'
 * messages never race; exact duplicate frames are recognised by attempt. The broken backup applies
 * whatever replicate arrives; the correct one ignores a version it already has. The bug needs the
 * first copy of a write's replicate to stay on the wire past the retry timeout, the retry to be
 * acked, the next write to replicate, and only then the first copy to land: the backup goes back.
 */
export const REPLICATE_RETRY_MS = 5000;

/** Plain-data state of the three nodes, kept where the properties and a search can read it. */
export interface ReplicaProbe {
  primary: { version: number; queued: number; attempt: number };
  backup: { version: number; value: number; /** Copies applied lately (version#attempt), to recognise a duplicated frame. */ recent: string[] };
  /** Every replicate the backup applied over a newer version. */
  regressions: string[];
}

type Replicate = { readonly type: 'replicate'; readonly version: number; readonly value: number; readonly attempt: number };
type Write = { readonly type: 'write'; readonly value: number };

const MAX_QUEUED = 16;
const MAX_ATTEMPTS = 4;
const RECENT = 32;

/** The primary: assigns versions, replicates each write to the backup (up to `attempts` tries, on timeout), then acks it. */
export const Primary = defineActor<Write, { probe: ReplicaProbe; backup: Address; attempts?: number }>({
  kind: 'planted.primary',
  setup(ctx, { probe, backup, attempts = MAX_ATTEMPTS }) {
    let chain: Promise<unknown> = Promise.resolve();
    const replicate = async (value: number): Promise<string> => {
      const version = ++probe.primary.version;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        probe.primary.attempt = attempt;
        const ack = await ctx.ask(backup, { type: 'replicate', version, value, attempt } satisfies Replicate, { timeoutMs: REPLICATE_RETRY_MS });
        if (ack.status === 'ok') { probe.primary.attempt = 0; return 'ok'; }
      }
      probe.primary.attempt = 0;
      throw new Rejection('unreplicated', `version ${version} not acked after ${attempts} attempts`);
    };
    return {
      receive: (msg) => {
        if (msg?.type !== 'write' || !Number.isInteger(msg.value)) throw new Rejection('bad-request', 'expected { type: "write", value: integer }');
        if (probe.primary.queued >= MAX_QUEUED) throw new Rejection('busy', `${MAX_QUEUED} writes queued`);
        probe.primary.queued++;
        const done = chain.then(() => replicate(msg.value)).finally(() => { probe.primary.queued--; });
        chain = done.catch(() => undefined);
        return done;
      },
    };
  },
});

/** The backup. `checkVersion: false` is the planted bug: a stale replicate overwrites a newer one. */
export const Backup = defineActor<Replicate, { probe: ReplicaProbe; checkVersion: boolean }>({
  kind: 'planted.backup',
  setup(_ctx, { probe, checkVersion }) {
    const recent = probe.backup.recent;
    return {
      receive: (msg) => {
        if (msg?.type !== 'replicate' || !Number.isInteger(msg.version) || !Number.isInteger(msg.attempt)) throw new Rejection('bad-request', 'expected a replicate message');
        const key = `${msg.version}#${msg.attempt}`;
        if (recent.includes(key)) return 'ok'; // a duplicated frame of a copy already applied
        recent.push(key);
        if (recent.length > RECENT) recent.shift();
        const b = probe.backup;
        if (checkVersion && msg.version <= b.version) return 'ok';
        if (msg.version < b.version) probe.regressions.push(`version ${msg.version} (attempt ${msg.attempt}) applied over version ${b.version}`);
        b.version = msg.version;
        b.value = msg.value;
        return 'ok';
      },
    };
  },
});

/** A client writing 1, 2, … in turn, each after the previous one was answered. */
export const Writer = defineActor<{ readonly type: 'go'; readonly writes: number }, { primary: Address }>({
  kind: 'planted.writer',
  setup(ctx, { primary }) {
    return {
      receive: async (msg) => {
        for (let i = 1; i <= msg.writes; i++) await ctx.ask(primary, { type: 'write', value: i } satisfies Write, { timeoutMs: 60_000 });
        return 'done';
      },
    };
  },
});

/** A fresh probe: nothing written, nothing replicated. */
export const freshReplicaProbe = (): ReplicaProbe => ({ primary: { version: 0, queued: 0, attempt: 0 }, backup: { version: 0, value: 0, recent: [] }, regressions: [] });
/** Why the backup went back to an older version, or undefined. */
export const noRegression = (p: ReplicaProbe): string | undefined => (p.regressions.length > 0 ? `the backup went back: ${p.regressions[0]}` : undefined);

function spec(name: string, checkVersion: boolean, writes: number) {
  return defineExplore({
    name,
    nodes: 3,
    setup(world) {
      const probe = freshReplicaProbe();
      const backup = world.spawn('n2', 'backup', Backup, { probe, checkVersion });
      const primary = world.spawn('n1', 'primary', Primary, { probe, backup, attempts: 2 });
      world.spawn('n3', 'writer', Writer, { primary });
      world.tell(address('n3' as NodeId, 'writer'), { type: 'go', writes });
      return probe;
    },
    observe: (p) => p,
    invariants: [{ name: 'the backup never goes back', check: noRegression }],
    goals: [{ name: 'every write replicated', reached: (p) => p.backup.version === writes }],
  });
}

/** Explore specs: a writer (n3) sends `writes` writes to the primary (n1), which replicates to the backup (n2). */
export const staleReplicateSpec = (writes = 2) => spec(`stale-replicate/broken/writes=${writes}`, false, writes);
export const freshReplicateSpec = (writes = 2) => spec(`stale-replicate/correct/writes=${writes}`, true, writes);
/** The specs with their default bounds, for `faultline explore FILE`. */
export const replicateSpecs = [staleReplicateSpec(), freshReplicateSpec()];
