import type { NodeId } from '@faultline/core';
import { isReachable, type Update } from './member.ts';
import { sendSync } from './member-list-dissemination.ts';
import { emitChange, log, me, others, type MemberListState } from './member-list-state.ts';

/** The `start` input: announces this node and starts the protocol (only from `idle`). */
export function start(s: MemberListState): void {
  if (s.phase !== 'idle') return;
  const self = me(s);
  emitChange(s, { node: s.self, previous: 'none', status: self.status, incarnation: self.claim.incarnation });
  run(s);
}

/** The `join` input: joins through `seeds` (or the known seeds); rejoins with a higher incarnation after a leave or down. */
export function join(s: MemberListState, seeds: readonly NodeId[] | undefined): void {
  if (seeds) s.seeds = [...seeds];
  if (s.phase === 'idle') return start(s);
  if (s.phase === 'running') return sendJoin(s);
  // A member that left or was downed comes back only with a higher incarnation.
  s.known.apply({ node: s.self, state: 'alive', incarnation: me(s).claim.incarnation + 1, from: s.self });
  run(s);
}

/** The `leave` input: gossips `left` to every reachable member directly, then goes quiet. */
export function leave(s: MemberListState): void {
  if (s.phase !== 'running') return;
  const left: Update = { node: s.self, state: 'left', incarnation: me(s).claim.incarnation, from: s.self };
  s.known.apply(left);
  // Tell every member directly; each re-gossips it, so the rare lost copy is covered.
  for (const to of others(s, (_, r) => isReachable(r.status))) s.out.push({ type: 'send', to, message: { type: 'gossip', updates: [left] } });
  goQuiet(s, 'left');
}

/** Stops every timer and forgets probes, gossip and suspicions (after leaving, or downing itself). */
export function goQuiet(s: MemberListState, phase: 'left' | 'downed'): void {
  s.phase = phase;
  s.deadlines.clearAll();
  s.gossipIdleNext = undefined;
  s.prober.reset();
  s.known.forget();
  log(s, `went quiet: ${phase}`);
}

/** Asks every seed for its state (retried every `joinRetryMs` until one answers); with no other seed, it has joined. */
export function sendJoin(s: MemberListState): void {
  const seeds = s.seeds.filter((n) => n !== s.self);
  if (seeds.length === 0) {
    s.joined = true;
    return;
  }
  for (const seed of seeds) sendSync(s, seed, true);
  s.deadlines.set({ kind: 'join-retry' }, s.clock + s.config.joinRetryMs);
}

/** A seed (or any member) answered with its state: the join is done. */
export function markJoined(s: MemberListState): void {
  if (s.joined) return;
  s.joined = true;
  s.deadlines.clear({ kind: 'join-retry' });
}

function run(s: MemberListState): void {
  s.phase = 'running';
  const c = s.config;
  const now = s.clock;
  // Random phase offsets keep the nodes' protocol periods from running in lockstep.
  s.deadlines.set({ kind: 'probe' }, now + s.rng.int(c.probeIntervalMs));
  s.deadlines.set({ kind: 'gossip' }, now + s.rng.int(c.gossipIntervalMs));
  s.gossipIdleNext = undefined;
  if (c.pushPullIntervalMs > 0) s.deadlines.set({ kind: 'push-pull' }, now + c.pushPullIntervalMs + s.rng.int(c.pushPullIntervalMs));
  if (c.reconnectIntervalMs > 0) s.deadlines.set({ kind: 'reconnect' }, now + c.reconnectIntervalMs);
  s.joined = false;
  sendJoin(s);
}
