import type { NodeId } from '@faultline/core';
import type { RaftLog } from './log.ts';
import { persistFrom } from './ready.ts';
import { committedInTerm } from './reads.ts';
import { sendAppend } from './replication.ts';
import { send, type RaftState } from './state.ts';

/**
 * Membership change one server at a time (Raft thesis §4.1; etcd-io/raft's single-server
 * `ConfChange`). A configuration is a log entry holding the whole voter list after the change; a
 * node uses the latest one in its log as soon as it is **appended**, committed or not, so a
 * truncated configuration entry takes its configuration with it. Any two majorities of configurations
 * one server apart overlap, which is what makes one change at a time safe; a leader therefore refuses
 * a second change while one is uncommitted, and (Ongaro, raft-dev 2015, "bug in single-server
 * membership changes") refuses any until an entry of its own term has committed. A leader removed
 * keeps replicating without counting itself until the entry removing it commits, then steps down.
 */

/**
 * One change: add a voter (it starts empty and catches up as one), remove a voter or a learner, add a
 * learner (a non-voting member that receives the log, thesis §4.2.1), or promote a caught-up learner to voter.
 */
export interface MembershipChange {
  readonly kind: 'add' | 'remove' | 'add-learner' | 'promote';
  readonly node: NodeId;
}

/** The command of a configuration entry: the change, the voters after it, and the learners (absent when none). */
export interface ConfigCommand {
  readonly type: 'raft-config';
  readonly change: MembershipChange;
  readonly voters: readonly NodeId[];
  readonly learners?: readonly NodeId[];
}

/** A configuration: who votes, and who only receives the log. */
export interface Configuration {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

/** Most voters a configuration may list: a bound on the work one entry from the network can cause. */
export const MAX_VOTERS = 1000;

/** Why a change was refused, for callers that switch on it. */
export type ChangeRefusal = 'not-leader' | 'not-ready' | 'change-in-progress' | 'bad-change';

/** Checks a voter list read from the network or from storage: distinct node names, at most {@link MAX_VOTERS}. */
export function parseVoters(v: unknown): NodeId[] | undefined {
  if (!Array.isArray(v) || v.length > MAX_VOTERS || !v.every((n) => typeof n === 'string' && n.length > 0 && n.length <= 256)) return undefined;
  return new Set(v).size === v.length ? (v as NodeId[]) : undefined;
}

/** The voters a log entry's command sets, if it is a configuration entry of the right shape (every node reads it alike). */
export function configOf(command: unknown): readonly NodeId[] | undefined {
  if (typeof command !== 'object' || command === null || (command as { type?: unknown }).type !== 'raft-config') return undefined;
  return parseVoters((command as { voters?: unknown }).voters);
}

/** The learners a configuration entry's command lists (none when absent or malformed, the same on every node). */
export function learnersOf(command: unknown): readonly NodeId[] {
  const learners = (command as { learners?: unknown }).learners;
  return learners === undefined ? [] : parseVoters(learners) ?? [];
}

/** The latest configuration entry with index in [from, to], if any. */
export function latestConfig(log: RaftLog, from: number, to: number): (Configuration & { index: number }) | undefined {
  for (let i = to; i >= Math.max(from, log.snapIndex + 1); i--) {
    const command = log.entry(i)?.command;
    const voters = configOf(command);
    if (voters !== undefined) return { index: i, voters, learners: learnersOf(command) };
  }
  return undefined;
}

/** The configuration in force at `index` (an index in the log, or its snapshot's). */
export function configAt(s: RaftState, index: number): Configuration {
  return latestConfig(s.log, s.log.snapIndex + 1, index) ?? { voters: s.baseVoters, learners: s.baseLearners };
}

const sameMembers = (a: readonly NodeId[], b: readonly NodeId[]) => a.length === b.length && a.every((v) => b.includes(v));

/** Takes a configuration: voters and learners, and (on a leader) progress for each new one and none for one gone. */
function setConfig(s: RaftState, config: Configuration, index: number): void {
  const { voters, learners } = config;
  const votersChanged = !sameMembers(voters, s.voters);
  s.configIndex = index;
  if (!votersChanged && sameMembers(learners, s.learners)) return;
  if (votersChanged) s.priorVoters = s.voters;
  s.voters = voters;
  s.learners = learners;
  s.out.events.push({ type: 'config', voters, index, at: s.clock });
  if (s.role !== 'leader') return;
  // A lease rests on a majority of the old configuration: start it again under the new one.
  if (votersChanged) s.leaseUntil = -Infinity;
  for (const peer of s.progress.keys()) if (!voters.includes(peer) && !learners.includes(peer)) s.progress.delete(peer);
  for (const v of [...voters, ...learners]) {
    // A new server's log is empty (or behind): its replies walk `next` back, to the snapshot if need be.
    if (v !== s.self && !s.progress.has(v)) s.progress.set(v, { next: s.log.lastIndex + 1, match: 0, ackedSeq: 0, recentActive: true });
  }
}

/** Entries from `from` on were appended: the latest configuration among them takes effect now (thesis §4.1). */
export function noteAppended(s: RaftState, from: number): void {
  if (s.config.unsafeMembership === 'adopt-at-commit') return; // planted bug: waits for the commit (adoptCommitted)
  const found = latestConfig(s.log, from, s.log.lastIndex);
  if (found !== undefined) setConfig(s, found, found.index);
}

/** The log changed under the configuration (a truncation, a snapshot installed): find the configuration again from the log and its base. */
export function reloadConfig(s: RaftState): void {
  const last = s.config.unsafeMembership === 'adopt-at-commit' ? s.commitIndex : s.log.lastIndex;
  const found = latestConfig(s.log, s.log.snapIndex + 1, last);
  setConfig(s, found ?? { voters: s.baseVoters, learners: s.baseLearners }, found?.index ?? s.log.snapIndex);
}

/** Planted `adopt-at-commit` bug only: the commit index moved, so take the latest configuration committed. */
export function adoptCommitted(s: RaftState): void {
  if (s.config.unsafeMembership !== 'adopt-at-commit') return;
  const found = latestConfig(s.log, s.configIndex + 1, s.commitIndex);
  if (found !== undefined) setConfig(s, found, found.index);
}

/** Is this node a voter of its latest configuration? */
export function isVoter(s: RaftState): boolean {
  return s.voters.includes(s.self);
}

/**
 * The configuration after `change`, or why it is no change (a bad-change detail), or `catching-up` for a
 * learner promoted before it holds everything committed (thesis §4.2.1: a server votes only once caught up,
 * else its empty log would make the new majority unavailable).
 */
function changed(s: RaftState, c: Configuration, change: MembershipChange): Configuration | string {
  const { node } = change;
  const voter = c.voters.includes(node);
  const learner = c.learners.includes(node);
  switch (change.kind) {
    case 'add':
      if (voter) return `${node} is already a voter`;
      if (learner) return `${node} is a learner: promote it`;
      return { voters: [...c.voters, node], learners: c.learners };
    case 'add-learner':
      if (voter) return `${node} is already a voter`;
      if (learner) return `${node} is already a learner`;
      return { voters: c.voters, learners: [...c.learners, node] };
    case 'promote':
      if (!learner) return `${node} is not a learner`;
      if ((s.progress.get(node)?.match ?? 0) < s.commitIndex) return 'catching-up';
      return { voters: [...c.voters, node], learners: c.learners.filter((l) => l !== node) };
    case 'remove':
      if (learner) return { voters: c.voters, learners: c.learners.filter((l) => l !== node) };
      if (!voter) return `${node} is not a voter or a learner`;
      if (c.voters.length === 1) return `${node} is the last voter`;
      return { voters: c.voters.filter((v) => v !== node), learners: c.learners };
    default: {
      const never: never = change.kind;
      return `unknown change ${String(never)}`;
    }
  }
}

/**
 * A leader's AddServer / RemoveServer (thesis §4.1, Figure 4.3), and adding or promoting a learner
 * (§4.2.1): appends the configuration entry, which takes effect at once, and sends it. Refused (with the
 * reason) when this node is not the leader, has not committed an entry of its term yet, has a change still
 * uncommitted, the change names no change (`bad-change`), or it promotes a learner still catching up (`not-ready`).
 */
export function proposeChange(s: RaftState, id: string, change: MembershipChange): void {
  const refuse = (reason: ChangeRefusal, detail: string): void => { s.out.refused.push({ id, reason, leader: s.role === 'leader' ? s.self : s.leader, detail }); };
  if (s.role !== 'leader' || s.transferee !== undefined) return refuse('not-leader', `${s.self} is not the leader`);
  if (!committedInTerm(s)) return refuse('not-ready', `${s.self} has not committed an entry of its term ${s.term} yet; retry shortly`);
  if (s.configIndex > s.commitIndex && s.config.unsafeMembership !== 'concurrent-changes') return refuse('change-in-progress', `the change at index ${s.configIndex} is not committed yet; one change at a time`);
  // The change applies to the latest configuration in the log: the one in force, except under the planted adopt-at-commit bug.
  const latest: Configuration = s.config.unsafeMembership === 'adopt-at-commit' ? latestConfig(s.log, s.log.snapIndex + 1, s.log.lastIndex) ?? s : s;
  const next = changed(s, latest, change);
  if (typeof next === 'string') return refuse(next === 'catching-up' ? 'not-ready' : 'bad-change', next === 'catching-up' ? `learner ${change.node} is still catching up (it holds ${s.progress.get(change.node)?.match ?? 0} of ${s.commitIndex} committed); retry shortly` : next);
  const command: ConfigCommand = { type: 'raft-config', change, voters: next.voters, ...(next.learners.length > 0 ? { learners: next.learners } : {}) };
  const entry = s.log.append(s.term, command);
  persistFrom(s.out, entry.index);
  s.out.accepted.push({ id, index: entry.index, term: entry.term });
  if (s.config.unsafeMembership !== 'adopt-at-commit') setConfig(s, next, entry.index);
  for (const [peer, p] of s.progress) if (p.next === entry.index || p.match === 0) sendAppend(s, peer);
}

/**
 * A leader the committed configuration left out steps down (thesis §4.2.2), after telling the others the
 * commit index and handing over to the most caught-up voter (`raft-timeout-now`, thesis §3.10), so the
 * next leader need not wait out an election timeout.
 */
export function stepDownIfRemoved(s: RaftState, broadcast: () => void, stepDown: () => void): void {
  if (s.role !== 'leader' || isVoter(s) || s.commitIndex < s.configIndex || s.config.unsafeMembership === 'removed-leader-stays') return;
  broadcast();
  let successor: NodeId | undefined;
  let best = -1;
  for (const [peer, p] of s.progress) if (s.voters.includes(peer) && p.match > best) { best = p.match; successor = peer; } // never a learner
  if (successor !== undefined && best === s.log.lastIndex) send(s, successor, { type: 'raft-timeout-now', term: s.term });
  stepDown();
}
