import type { NodeId } from '@faultline/core';
import type { Update } from './member.ts';
import type { MemberRecord } from './member-table.ts';
import type { WireMessage } from './messages.ts';
import { EXACT_PICK_MAX_MEMBERS, others, randomOthers, send, type MemberListState } from './member-list-state.ts';

/** The `gossip` deadline: sends pending updates to up to `gossipFanout` members, and schedules the next round. */
export function gossipRound(s: MemberListState): void {
  const c = s.config;
  const now = s.clock;
  const next = now + c.gossipIntervalMs;
  if (s.known.queue.size === 0 && s.known.table.size > EXACT_PICK_MAX_MEMBERS) {
    // Nothing to say, in a cluster large enough that idle rounds dominate the work (a timer every
    // gossip interval on every node, issue 27): arm no next round; `wakeGossip` re-arms it on the
    // same beat once an update is queued. Small clusters keep their ticking rounds, so the runs
    // their tests replay are unchanged.
    s.gossipIdleNext = next;
    return;
  }
  s.deadlines.set({ kind: 'gossip' }, next);
  if (s.known.queue.size === 0) return;
  // Gossip also goes to members downed recently, so one downed by mistake hears of it and refutes.
  const targets = randomOthers(s, c.gossipFanout, (_, r) => r.claim.state === 'alive' || r.claim.state === 'suspect'
    || (r.claim.state === 'dead' && now - r.since <= c.gossipToTheDeadMs));
  for (const to of targets) send(s, to, { type: 'gossip', updates: [] });
}

/** After a step: if gossip is idle and an update is now queued, arms the next round on the beat the idle rounds kept. */
export function wakeGossip(s: MemberListState): void {
  const idleNext = s.gossipIdleNext;
  if (idleNext === undefined || s.known.queue.size === 0 || s.phase !== 'running') return;
  const interval = s.config.gossipIntervalMs;
  const beatsMissed = Math.max(0, Math.ceil((s.clock - idleNext) / interval));
  s.deadlines.set({ kind: 'gossip' }, idleNext + beatsMissed * interval);
  s.gossipIdleNext = undefined;
}

/** The `push-pull` deadline: a full state exchange with one random alive member (anti-entropy). */
export function pushPullRound(s: MemberListState): void {
  s.deadlines.set({ kind: 'push-pull' }, s.clock + pushPullIntervalMs(s.config.pushPullIntervalMs, s.known.table.liveCount));
  syncWithOne(s, (_, r) => r.status === 'alive');
}

/** The `reconnect` deadline: a full state exchange with one random downed member (Serf's reconnect). */
export function reconnectRound(s: MemberListState): void {
  // After a partition heals, each side holds the other down: reaching one downed member reunites them.
  s.deadlines.set({ kind: 'reconnect' }, s.clock + s.config.reconnectIntervalMs);
  // No dead claim, no candidate (and no random draw): skip the scan of n members every round.
  if (s.known.table.deadCount === 0) return;
  syncWithOne(s, (_, r) => r.claim.state === 'dead');
}

/** A message from a member we have not heard of (its alive update missed us): exchange full state with it, once per `joinRetryMs`. */
export function introduceIfUnknown(s: MemberListState, from: NodeId, m: WireMessage): void {
  if (s.known.table.get(from) || m.type === 'sync' || m.type === 'sync-reply') return;
  const last = s.introduced.get(from);
  if (last !== undefined && s.clock - last <= s.config.joinRetryMs) return;
  s.introduced.set(from, s.clock);
  sendSync(s, from, false);
}

/** A `sync` from `from`: takes its state and replies with ours. */
export function answerSync(s: MemberListState, from: NodeId, state: readonly Update[]): void {
  s.known.receive(asSuspicions(state, from)); // no corrections: the reply carries our whole state
  s.out.push({ type: 'send', to: from, message: { type: 'sync-reply', state: s.known.table.snapshot() } });
}

/** Sends our full state to `to` (a join request when `join`). */
export function sendSync(s: MemberListState, to: NodeId, join: boolean): void {
  s.out.push({ type: 'send', to, message: { type: 'sync', join, state: s.known.table.snapshot() } });
}

/**
 * A full state from a push-pull: a member the other side holds dead is taken as suspect
 * (memberlist's mergeState). After a partition heals, each side holds the other dead at the
 * same incarnation as our alive; taken as dead it would down live members until they refute.
 */
export function asSuspicions(state: readonly Update[], from: NodeId): Update[] {
  return state.map((u) => (u.state === 'dead' ? { node: u.node, state: 'suspect', incarnation: u.incarnation, from } : u));
}

function syncWithOne(s: MemberListState, filter: (node: NodeId, r: MemberRecord) => boolean): void {
  const candidates = others(s, filter);
  if (candidates.length > 0) sendSync(s, s.rng.pick(candidates), false);
}

/** Cluster size above which the push-pull interval stretches (memberlist's pushPullScaleThreshold). */
export const PUSH_PULL_SCALE_THRESHOLD = 32;

/**
 * memberlist's pushPullScale (util.go): above 32 live members the interval is multiplied by
 * ceil(log2 n − log2 32) + 1 (33 members: 2×, 65: 3×, 1,000: 6×), so the full-state exchanges, whose
 * size grows with n, do not grow the load per node as fast as the cluster.
 */
export function pushPullIntervalMs(intervalMs: number, liveMembers: number): number {
  if (liveMembers <= PUSH_PULL_SCALE_THRESHOLD) return intervalMs;
  return (Math.ceil(Math.log2(liveMembers) - Math.log2(PUSH_PULL_SCALE_THRESHOLD)) + 1) * intervalMs;
}
