import { address, type NodeId } from '@faultline/core';
import { casRegisterModel, checkHistory, type Verdict } from '@faultline/checker';
import { Recorder } from '@faultline/history';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, networkPresets } from '@faultline/transport';
import { leaderHint } from '../kv/kv-protocol.ts';
import { RaftKv } from '../kv/raft-kv.ts';
import { awaitLeader } from './cluster-status.ts';

/** One lease trial: the leader's clock runs slow by `slowPercent`, then it is cut off from the other nodes. */
export interface LeaseTrial {
  readonly seed: number;
  readonly slowPercent: number;
  readonly marginMs: number;
  /** Minimum election timeout (the lease is this minus the margin). Default 150. */
  readonly electionTimeoutMinMs?: number;
}

/** How a lease trial went: reads served stale by the cut-off leader, and the checker's verdict. */
export interface LeaseTrialResult extends LeaseTrial {
  readonly reads: number;
  readonly staleReads: number;
  readonly verdict: Verdict;
}

/**
 * Lease reads against clock drift (thesis §6.4.1; Jepsen's etcd and Consul analyses). A leader
 * holds a lease of (min election timeout − margin) on its own clock from each round a majority
 * answered; followers will not elect anyone for min election timeout on theirs. A leader clock
 * slow by d makes the lease last (min − margin)/(1 − d) of true time, so reads go stale once
 * d > margin/min, plus whatever the new election takes. One writer follows the leader hint on the
 * majority side; one reader reads at the cut-off leader; every stale read is a read that returned
 * a value older than a write acknowledged before the read began.
 */
export async function runLeaseTrial(trial: LeaseTrial): Promise<LeaseTrialResult> {
  const net = new FaultNetwork({ nodes: 5, ...networkPresets.lan });
  const sim = new Simulation({ seed: trial.seed, nodes: 5, network: net.attach });
  const min = trial.electionTimeoutMinMs ?? 150;
  const config = { electionTimeoutMinMs: min, electionTimeoutMaxMs: 2 * min, heartbeatMs: min / 3, leaseMarginMs: trial.marginMs };
  const history = new Recorder(() => sim.now());
  try {
    for (const node of sim.nodes) await sim.spawn(node, 'kv', RaftKv, { reads: 'lease', config });
    const leader = await awaitLeader(sim, 'kv', 5000);
    if (leader === undefined) throw new Error(`lease trial seed ${trial.seed}: no leader`);
    await sim.clockFault(leader.self, { kind: 'drift', driftPpm: -trial.slowPercent * 10_000 });
    await sim.sleep(300); // a few rounds under drift
    const end = sim.now() + 800;
    let nextValue = 1;
    // The writer talks only to the majority side: it follows hints there, and moves on after any other failure.
    const majority = sim.nodes.filter((n) => n !== leader.self) as NodeId[];
    let writer = majority[0]!;
    let acked = 0;
    let reads = 0;
    let stale = 0;
    const writes = (async () => {
      const p = history.client();
      while (sim.now() < end) {
        const value = nextValue++;
        const o = await p.record({ f: 'write', key: 'x', value }, () => sim.ask(address(writer, 'kv'), { type: 'write', key: 'x', value }, { timeoutMs: 100 }));
        if (o.status === 'ok') acked = Math.max(acked, value);
        if (o.status !== 'ok') {
          const hint = o.status === 'failed' ? leaderHint(o.message) : undefined;
          writer = hint !== undefined && majority.includes(hint as NodeId) ? (hint as NodeId) : majority[(majority.indexOf(writer) + 1) % majority.length]!;
          await sim.sleep(5);
        }
      }
    })();
    const readsDone = (async () => {
      const p = history.client();
      while (sim.now() < end) {
        const before = acked;
        const o = await p.record({ f: 'read', key: 'x', value: null }, () => sim.ask<{ value: number | null }>(address(leader.self, 'kv'), { type: 'read', key: 'x' }, { timeoutMs: 50 }), (r) => r.value);
        if (o.status === 'ok') {
          reads++;
          if ((o.value.value ?? 0) < before) stale++;
        }
        await sim.sleep(2);
      }
    })();
    await sim.sleep(100);
    net.isolate(leader.self);
    await Promise.all([writes, readsDone]);
    const verdict = checkHistory(casRegisterModel, history.events, { timeoutMs: 10_000 }).verdict;
    return { ...trial, reads, staleReads: stale, verdict };
  } finally {
    await sim.shutdown();
  }
}
