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

/** One change: add a server (it starts empty and catches up) or remove one. */
export interface MembershipChange {
  readonly kind: 'add' | 'remove';
  readonly node: NodeId;
}

/** The command of a configuration entry: the change and the voters after it. */
export interface ConfigCommand {
  readonly type: 'raft-config';
  readonly change: MembershipChange;
  readonly voters: readonly NodeId[];
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

/** The latest configuration entry with index in [from, to], if any. */
export function latestConfig(log: RaftLog, from: number, to: number): { index: number; voters: readonly NodeId[] } | undefined {
  for (let i = to; i >= Math.max(from, log.snapIndex + 1); i--) {
    const voters = configOf(log.entry(i)?.command);
    if (voters !== undefined) return { index: i, voters };
  }
  return undefined;
}

/** The configuration in force at `index` (an index in the log, or its snapshot's). */
export function configAt(s: RaftState, index: number): readonly NodeId[] {
  return latestConfig(s.log, s.log.snapIndex + 1, index)?.voters ?? s.baseVoters;
}

/** Takes a configuration: the voters, and (on a leader) progress for each new follower and none for a removed one. */
function setConfig(s: RaftState, voters: readonly NodeId[], index: number): void {
  const changed = voters.length !== s.voters.length || voters.some((v) => !s.voters.includes(v));
  s.configIndex = index;
  if (!changed) return;
  s.priorVoters = s.voters;
  s.voters = voters;
  s.out.events.push({ type: 'config', voters, index, at: s.clock });
  if (s.role !== 'leader') return;
  // A lease rests on a majority of the old configuration: start it again under the new one.
  s.leaseUntil = -Infinity;
  for (const peer of s.progress.keys()) if (!voters.includes(peer)) s.progress.delete(peer);
  for (const v of voters) {
    // A new server's log is empty (or behind): its replies walk `next` back, to the snapshot if need be.
    if (v !== s.self && !s.progress.has(v)) s.progress.set(v, { next: s.log.lastIndex + 1, match: 0, ackedSeq: 0, recentActive: true });
  }
}

/** Entries from `from` on were appended: the latest configuration among them takes effect now (thesis §4.1). */
export function noteAppended(s: RaftState, from: number): void {
  if (s.config.unsafeMembership === 'adopt-at-commit') return; // planted bug: waits for the commit (adoptCommitted)
  const found = latestConfig(s.log, from, s.log.lastIndex);
  if (found !== undefined) setConfig(s, found.voters, found.index);
}

/** The log changed under the configuration (a truncation, a snapshot installed): find the configuration again from the log and its base. */
export function reloadConfig(s: RaftState): void {
  const last = s.config.unsafeMembership === 'adopt-at-commit' ? s.commitIndex : s.log.lastIndex;
  const found = latestConfig(s.log, s.log.snapIndex + 1, last);
  setConfig(s, found?.voters ?? s.baseVoters, found?.index ?? s.log.snapIndex);
}

/** Planted `adopt-at-commit` bug only: the commit index moved, so take the latest configuration committed. */
export function adoptCommitted(s: RaftState): void {
  if (s.config.unsafeMembership !== 'adopt-at-commit') return;
  const found = latestConfig(s.log, s.configIndex + 1, s.commitIndex);
  if (found !== undefined) setConfig(s, found.voters, found.index);
}

/** Is this node a voter of its latest configuration? */
export function isVoter(s: RaftState): boolean {
  return s.voters.includes(s.self);
}

/**
 * A leader's AddServer / RemoveServer (thesis §4.1, Figure 4.3): appends the configuration entry, which
 * takes effect at once, and sends it. Refused (with the reason) when this node is not the leader, has not
 * committed an entry of its term yet, has a change still uncommitted, or the change names no change.
 */
export function proposeChange(s: RaftState, id: string, change: MembershipChange): void {
  const refuse = (reason: ChangeRefusal, detail: string): void => { s.out.refused.push({ id, reason, leader: s.role === 'leader' ? s.self : s.leader, detail }); };
  if (s.role !== 'leader' || s.transferee !== undefined) return refuse('not-leader', `${s.self} is not the leader`);
  if (!committedInTerm(s)) return refuse('not-ready', `${s.self} has not committed an entry of its term ${s.term} yet; retry shortly`);
  if (s.configIndex > s.commitIndex && s.config.unsafeMembership !== 'concurrent-changes') return refuse('change-in-progress', `the change at index ${s.configIndex} is not committed yet; one change at a time`);
  // The change applies to the latest configuration in the log: the one in force, except under the planted adopt-at-commit bug.
  const latest = s.config.unsafeMembership === 'adopt-at-commit' ? latestConfig(s.log, s.log.snapIndex + 1, s.log.lastIndex)?.voters ?? s.voters : s.voters;
  const member = latest.includes(change.node);
  if (change.kind === 'add' && member) return refuse('bad-change', `${change.node} is already a voter`);
  if (change.kind === 'remove' && !member) return refuse('bad-change', `${change.node} is not a voter`);
  if (change.kind === 'remove' && latest.length === 1) return refuse('bad-change', `${change.node} is the last voter`);
  const voters = change.kind === 'add' ? [...latest, change.node] : latest.filter((v) => v !== change.node);
  const command: ConfigCommand = { type: 'raft-config', change, voters };
  const entry = s.log.append(s.term, command);
  persistFrom(s.out, entry.index);
  s.out.accepted.push({ id, index: entry.index, term: entry.term });
  if (s.config.unsafeMembership !== 'adopt-at-commit') setConfig(s, voters, entry.index);
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
  for (const [peer, p] of s.progress) if (p.match > best) { best = p.match; successor = peer; }
  if (successor !== undefined && best === s.log.lastIndex) send(s, successor, { type: 'raft-timeout-now', term: s.term });
  stepDown();
}
