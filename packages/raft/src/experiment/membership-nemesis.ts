import { address, type NodeId, type Rng } from '@faultline/core';
import type { Simulation } from '@faultline/runtime';
import type { FaultNetwork } from '@faultline/transport';
import type { ChaosLogEntry } from './chaos.ts';
import { currentLeader } from './cluster-status.ts';
import type { MembershipLogEntry, MembershipPlan } from './membership-driver.ts';

/** A fault aimed at a configuration change, struck while its entry is appended but not yet committed. */
export type MembershipFault =
  /** Cut off the server being added or removed. */
  | 'isolate-subject'
  /** Cut off the leader: it keeps the uncommitted entry, the others elect a leader whose log truncates it. */
  | 'isolate-leader'
  /** Leave the leader with only the server being added or removed: a majority only by a wrong count. */
  | 'leader-with-subject'
  /** Leave the leader with one other voter. */
  | 'leader-minority'
  /** Cut the leader → the other voters one way, once the entry reached them: they hold it but never hear it commit. */
  | 'hide-commit'
  /** Kill the leader; it restarts later. */
  | 'crash-leader'
  /**
   * Leave an earlier round's leader with one other node: a leader cut off mid-change may have had its
   * entry truncated since, and must not count a configuration that went with it.
   */
  | 'deposed-minority';

/** Every targeted fault, in the order the nemesis draws from. */
export const MEMBERSHIP_FAULTS: readonly MembershipFault[] = ['isolate-subject', 'isolate-leader', 'leader-with-subject', 'leader-minority', 'hide-commit', 'crash-leader', 'deposed-minority'];

/** How the targeted membership nemesis runs. */
export interface MembershipNemesisOptions {
  readonly untilMs: number;
  /** After asking for a change, strike within this many ms: the entry is appended on the leader and on its way, not committed (LAN latency is 0.5–1.5 ms). Default [0.5, 4]. */
  readonly strikeMs?: readonly [number, number];
  /** How long a fault holds before everything heals and killed nodes restart, ms. Default [100, 700]. */
  readonly holdMs?: readonly [number, number];
  /** Chance that a round's fault is struck just before the change is asked for, not after. Default 0.3. */
  readonly earlyChance?: number;
  /** Chance that a round's fault is left in place under the next round's (faults then overlap). Default 0.3. */
  readonly stackChance?: number;
}

/**
 * Random chaos rarely lands a fault inside the few milliseconds a configuration entry is uncommitted, so
 * it misses most membership bugs (`membership-bugs.test.ts`). This nemesis aims at that window: each
 * round it asks the leader for a change (an addition or a removal at random within the `plan`'s bounds,
 * the leader removed with its chance, and a burst sends a second at once), waits until the entry is appended and on its way, and strikes one
 * {@link MembershipFault} at the leader, the server added or removed, or the link that carries the commit;
 * after a hold it heals and restarts (unless the fault stacks under the next). Seeded: the same seed,
 * the same rounds. Returns the changes asked for and the faults struck.
 */
export async function runMembershipNemesis(sim: Simulation, net: FaultNetwork, rng: Rng, actor: string, plan: MembershipPlan, options: MembershipNemesisOptions): Promise<{ changes: MembershipLogEntry[]; faults: ChaosLogEntry[] }> {
  const changes: MembershipLogEntry[] = [];
  const faults: ChaosLogEntry[] = [];
  const [strikeMin, strikeMax] = options.strikeMs ?? [0.5, 4];
  const [holdMin, holdMax] = options.holdMs ?? [100, 700];
  const start = sim.now();
  const note = (what: string) => faults.push({ at: sim.now() - start, what });
  const asks: Promise<void>[] = [];
  const killed = new Set<NodeId>();
  const heal = async () => {
    net.healAll();
    for (const node of killed) if (!sim.isUp(node)) await sim.restart(node);
    killed.clear();
    note('heal');
  };
  let deposed: NodeId | undefined; // the last leader a fault struck, once another leads
  let struck: NodeId | undefined;
  while (sim.now() - start < options.untilMs) {
    await sim.sleep(plan.gapMs[0] + rng.next() * (plan.gapMs[1] - plan.gapMs[0]));
    const leader = await currentLeader(sim, actor);
    if (leader === undefined) continue;
    if (struck !== undefined && struck !== leader.self) deposed = struck;
    let voters = [...leader.voters];
    // Unlike the driver's sweep up and down, the direction is drawn each round (within the plan's bounds), so a
    // removal cut off mid-change can be followed by an addition: a configuration two servers from the one truncated.
    const growing = voters.length <= plan.minVoters || (voters.length < plan.maxVoters && rng.chance(0.5));
    // The change, and with `burstChance` a second one at once (it meets the first uncommitted).
    const planned: { kind: 'add' | 'remove'; node: NodeId }[] = [];
    for (let i = 0; i < (rng.chance(plan.burstChance) ? 2 : 1); i++) {
      const outside = sim.nodes.filter((n) => !voters.includes(n));
      const kind = growing && outside.length > 0 ? 'add' : voters.length > 1 ? 'remove' : undefined;
      if (kind === undefined) break;
      const node = (kind === 'add' ? rng.pick(outside) : rng.chance(plan.removeLeaderChance) ? leader.self : rng.pick(voters)) as NodeId;
      planned.push({ kind, node });
      voters = kind === 'add' ? [...voters, node] : voters.filter((v) => v !== node);
    }
    if (planned.length === 0) continue;
    const askAll = () => {
      for (const { kind, node } of planned) {
        const at = sim.now() - start;
        asks.push(sim.ask<{ voters: string[] }>(address(leader.self, actor), { type: kind === 'add' ? 'raft-add-server' : 'raft-remove-server', node }, { timeoutMs: 1000 }).then((r) => {
          changes.push({ at, change: `${kind} ${node} (at ${leader.self})`, outcome: r.status === 'ok' ? `ok ${r.value.voters.join(',')}` : r.status === 'failed' ? `failed ${r.code}` : 'unknown' });
        }));
      }
    };
    // Struck early, the fault is in place before the leader hears of the change: a cut leader's entry never
    // leaves it (frames already on a link still arrive, so striking later can only delay the commit).
    const early = rng.chance(options.earlyChance ?? 0.3);
    if (!early) {
      askAll();
      await sim.sleep(strikeMin + rng.next() * (strikeMax - strikeMin));
    }
    const subject = rng.pick(planned).node;
    const others = leader.voters.filter((v) => v !== leader.self) as NodeId[];
    const fault = rng.pick(MEMBERSHIP_FAULTS);
    if (fault !== 'isolate-subject' && fault !== 'deposed-minority') struck = leader.self;
    if (early) note('(before the change is asked for)');
    switch (fault) {
      case 'isolate-subject':
        net.isolate(subject);
        note(`isolate ${subject} (subject)`);
        break;
      case 'isolate-leader':
        net.isolate(leader.self);
        note(`isolate ${leader.self} (leader)`);
        break;
      case 'leader-with-subject':
        net.partition(subject === leader.self ? [subject] : [leader.self, subject]);
        note(`partition ${leader.self} (leader)${subject === leader.self ? '' : ` + ${subject} (subject)`} from the rest`);
        break;
      case 'leader-minority': {
        const buddy = others.length > 0 ? rng.pick(others) : undefined;
        net.partition(buddy === undefined ? [leader.self] : [leader.self, buddy]);
        note(`partition ${leader.self} (leader)${buddy === undefined ? '' : ` + ${buddy}`} from the rest`);
        break;
      }
      case 'hide-commit': {
        const hidden = others.filter(() => rng.chance(0.5));
        if (hidden.length > 0) net.partitionOneWay([leader.self], hidden);
        note(`one-way ${leader.self} (leader) -> ${hidden.join(',') || '-'}`);
        break;
      }
      case 'crash-leader':
        if (sim.isUp(leader.self)) {
          await sim.crash(leader.self);
          killed.add(leader.self);
          note(`kill ${leader.self} (leader)`);
        }
        break;
      case 'deposed-minority': {
        const target = deposed !== undefined && deposed !== leader.self ? deposed : subject;
        const buddies = sim.nodes.filter((n) => n !== target && n !== leader.self);
        const buddy = rng.pick(buddies);
        net.partition([target, buddy]);
        note(`partition ${target} (${target === deposed ? 'deposed leader' : 'subject'}) + ${buddy} from the rest`);
        break;
      }
      default: {
        const never: never = fault;
        throw new Error(`unknown membership fault ${String(never)}`);
      }
    }
    if (early) askAll();
    await sim.sleep(holdMin + rng.next() * (holdMax - holdMin));
    if (!rng.chance(options.stackChance ?? 0.3)) await heal();
  }
  await heal();
  await Promise.all(asks);
  return { changes: changes.sort((a, b) => a.at - b.at), faults };
}
