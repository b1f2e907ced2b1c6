import { ConfigError, requireNumber, requireInteger } from '@faultline/core';
import { MEMBERSHIP_BUGS, type MembershipBug } from './membership-bugs.ts';

/** How one Raft node behaves: timeouts in ms of the node's own clock, optional protocol extensions, and planted bugs. */
export interface RaftConfig {
  /** An election timeout is drawn uniformly from [min, max] ms each time it is reset (Raft §5.2, §9.3). */
  readonly electionTimeoutMinMs: number;
  readonly electionTimeoutMaxMs: number;
  /** The leader sends a heartbeat (an append, possibly empty) this often. */
  readonly heartbeatMs: number;
  /** Most entries in one append message. */
  readonly maxEntriesPerAppend: number;
  /** Pre-vote (thesis §9.6): a node asks whether it could win before raising its term. */
  readonly preVote: boolean;
  /**
   * CheckQuorum (thesis §6.2, etcd `checkQuorum`): a leader that has not heard from a majority within an
   * election timeout steps down, and a follower that heard from a leader within the minimum election
   * timeout ignores vote requests (thesis §4.2.3). Lease reads need it.
   */
  readonly checkQuorum: boolean;
  /** Lease reads (thesis §6.4.1) end this long before the followers' minimum election timeout, to cover clock drift. */
  readonly leaseMarginMs: number;
  /** Reads waiting for ReadIndex confirmation at once; more are refused. */
  readonly maxPendingReads: number;
  /**
   * DELIBERATELY BROKEN (Raft Figure 8): commit any entry stored on a majority, whatever its term,
   * instead of only entries of the leader's own term (§5.4.2). Exists to prove the checker catches it.
   */
  readonly unsafeCommitOldTerms: boolean;
  /**
   * A new leader appends a no-op of its term at once (thesis §6.4, §8), so entries of older terms
   * commit with it without waiting for a client. Off, it waits for the next proposal, as the paper's
   * Figure 8 leader does (reads wait too); the Figure 8 variant turns it off to widen the window.
   */
  readonly leaderNoop: boolean;
  /**
   * DELIBERATELY BROKEN (thesis §4.1–§4.2.2) unless `none`: one membership rule planted broken
   * (`membership-bugs.ts` says what each breaks). Exists to prove the checkers catch each (`membership-bugs.test.ts`).
   */
  readonly unsafeMembership: MembershipBug;
}

/** Named presets; each default says why. */
export const raftPresets = {
  /** The Raft paper's numbers (§9.3): 150–300 ms election timeouts, heartbeats at a third of the minimum. */
  paper: {
    electionTimeoutMinMs: 150, electionTimeoutMaxMs: 300, heartbeatMs: 50, maxEntriesPerAppend: 64,
    // On by default, as etcd recommends: they stop a node that rejoins from deposing a healthy leader.
    preVote: true, checkQuorum: true,
    // A third of the minimum timeout: clocks here drift by far less, and the nemesis' clock jumps are what it is for.
    leaseMarginMs: 50,
    maxPendingReads: 1000,
    unsafeCommitOldTerms: false,
    leaderNoop: true,
    unsafeMembership: 'none',
  },
} as const satisfies Record<string, RaftConfig>;

/** A preset name and overrides. */
export type RaftConfigInput = Partial<RaftConfig> & { readonly preset?: keyof typeof raftPresets };

/** Fills a config from its preset and validates every field, naming the bad one. */
export function raftConfig(input: RaftConfigInput = {}): RaftConfig {
  const { preset = 'paper', ...overrides } = input;
  const base = raftPresets[preset];
  if (base === undefined) throw new ConfigError('raft.preset', preset, `must be one of ${Object.keys(raftPresets).join(', ')}`);
  const c: RaftConfig = { ...base, ...overrides };
  requireNumber('raft.electionTimeoutMinMs', c.electionTimeoutMinMs, 1);
  requireNumber('raft.electionTimeoutMaxMs', c.electionTimeoutMaxMs, c.electionTimeoutMinMs);
  requireNumber('raft.heartbeatMs', c.heartbeatMs, Number.MIN_VALUE, c.electionTimeoutMinMs);
  requireInteger('raft.maxEntriesPerAppend', c.maxEntriesPerAppend, 1, 10_000);
  requireNumber('raft.leaseMarginMs', c.leaseMarginMs, 0, c.electionTimeoutMinMs);
  requireInteger('raft.maxPendingReads', c.maxPendingReads, 1, 1_000_000);
  for (const flag of ['preVote', 'checkQuorum', 'unsafeCommitOldTerms', 'leaderNoop'] as const) {
    if (typeof c[flag] !== 'boolean') throw new ConfigError(`raft.${flag}`, c[flag], 'must be true or false');
  }
  if (c.unsafeMembership !== 'none' && !(MEMBERSHIP_BUGS as readonly string[]).includes(c.unsafeMembership)) {
    throw new ConfigError('raft.unsafeMembership', c.unsafeMembership, `must be none or one of ${MEMBERSHIP_BUGS.join(', ')}`);
  }
  return c;
}
