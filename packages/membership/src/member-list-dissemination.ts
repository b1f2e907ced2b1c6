import type { NodeId } from '@faultline/core';
import type { Update } from './member.ts';
import type { MemberRecord } from './member-table.ts';
import type { WireMessage } from './messages.ts';
import { others, send, type MemberListState } from './member-list-state.ts';

/** The `gossip` deadline: sends pending updates to up to `gossipFanout` members, and schedules the next round. */
export function gossipRound(s: MemberListState): void {
  const c = s.config;
  const now = s.clock;
  s.deadlines.set({ kind: 'gossip' }, now + c.gossipIntervalMs);
  if (s.known.queue.size === 0) return;
  // Gossip also goes to members downed recently, so one downed by mistake hears of it and refutes.
  const targets = others(s, (_, r) => r.claim.state === 'alive' || r.claim.state === 'suspect'
    || (r.claim.state === 'dead' && now - r.since <= c.gossipToTheDeadMs));
  for (const to of s.rng.shuffled(targets).slice(0, c.gossipFanout)) send(s, to, { type: 'gossip', updates: [] });
}

/** The `push-pull` deadline: a full state exchange with one random alive member (anti-entropy). */
export function pushPullRound(s: MemberListState): void {
  s.deadlines.set({ kind: 'push-pull' }, s.clock + s.config.pushPullIntervalMs);
  syncWithOne(s, (_, r) => r.status === 'alive');
}

/** The `reconnect` deadline: a full state exchange with one random downed member (Serf's reconnect). */
export function reconnectRound(s: MemberListState): void {
  // After a partition heals, each side holds the other down: reaching one downed member reunites them.
  s.deadlines.set({ kind: 'reconnect' }, s.clock + s.config.reconnectIntervalMs);
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
