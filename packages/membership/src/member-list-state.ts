import type { NodeId, Rng } from '@faultline/core';
import type { Awareness } from './awareness.ts';
import type { MembershipConfig } from './config.ts';
import type { Deadlines } from './deadlines.ts';
import { statusEventType, type MembershipEvent } from './events.ts';
import { Knowledge, type KnowledgeHost } from './knowledge.ts';
import type { MemberStatus } from './member.ts';
import type { MemberRecord, StatusChange } from './member-table.ts';
import type { MemberListEffect, MemberListOptions, MemberListPhase } from './member-list-types.ts';
import type { WireMessage } from './messages.ts';
import { Prober, type ProbeHost } from './prober.ts';
import type { QuorumState } from './quorum.ts';
import { SplitBrainTracker } from './split-brain-tracker.ts';

/** Everything one MemberList holds, shared by the functions that carry out its steps. */
export interface MemberListState {
  readonly self: NodeId;
  readonly config: MembershipConfig;
  /** The only randomness the protocol uses. */
  readonly rng: Rng;
  readonly awareness: Awareness;
  readonly deadlines: Deadlines;
  /** Configured members: they count toward quorum before they are heard from; their order is seniority. */
  readonly configured: readonly NodeId[];
  seeds: readonly NodeId[];
  readonly known: Knowledge;
  readonly prober: Prober;
  readonly splitBrain: SplitBrainTracker | undefined;
  phase: MemberListPhase;
  /** A seed answered our join (or there was none to ask). */
  joined: boolean;
  /** Whether the last step ended with a quorum, to emit `quorum-lost`/`quorum-regained` on a change. */
  hadQuorum: boolean;
  /** The node's clock, never moving backwards. */
  clock: number;
  /** Effects of the step in progress. */
  out: MemberListEffect[];
  /** Unknown senders we exchanged state with, and when (to retry a lost exchange, not to repeat it). */
  readonly introduced: Map<NodeId, number>;
  /** The quorum at table version `version`, and the own status it was computed with. */
  quorumCache: { version: number; state: QuorumState; selfStatus: MemberStatus } | undefined;
  /** The member table version split-brain last observed. */
  splitBrainSeen: number;
  /**
   * Set while gossip is idle in a large cluster: when the skipped round's successor was due. The
   * first update queued re-arms gossip on the same beat (see `gossipRound`).
   */
  gossipIdleNext: number | undefined;
}

/** A fresh state; `host` is what the prober and the knowledge layer call back into. */
export function createState(options: MemberListOptions, host: ProbeHost & KnowledgeHost): MemberListState {
  const config = options.config;
  return {
    self: options.self,
    config,
    rng: options.rng,
    awareness: host.awareness,
    deadlines: host.deadlines,
    configured: [...options.members],
    seeds: options.seeds,
    known: new Knowledge(host, options.rng.derive('probe-order'), options.incarnation ?? 0, options.members),
    prober: new Prober(host),
    splitBrain: config.splitBrain ? new SplitBrainTracker(config.splitBrain, options.self) : undefined,
    phase: 'idle',
    joined: false,
    hadQuorum: false,
    clock: 0,
    out: [],
    introduced: new Map(),
    quorumCache: undefined,
    splitBrainSeen: -1,
    gossipIdleNext: undefined,
  };
}

/** This node's own record. */
export function me(s: MemberListState): MemberRecord {
  const r = s.known.table.get(s.self);
  if (!r) throw new Error(`no record for this node ${s.self}`);
  return r;
}

/** The other members that pass `filter`, in table order. */
export function others(s: MemberListState, filter: (node: NodeId, r: MemberRecord) => boolean): NodeId[] {
  const out: NodeId[] = [];
  const table = s.known.table;
  for (let i = 0; i < table.size; i++) {
    const r = table.recordAt(i);
    const node = r.claim.node;
    if (node !== s.self && filter(node, r)) out.push(node);
  }
  return out;
}

/**
 * Up to this many members, random picks scan the whole table and shuffle (exact, and what every
 * small-cluster test's seed has always replayed); above it they sample, so a pick costs O(k), not O(n).
 */
export const EXACT_PICK_MAX_MEMBERS = 64;

/**
 * Up to `k` distinct random other members that pass `filter`. Small tables: every candidate, shuffled,
 * the first k. Large tables: memberlist's kRandomNodes (util.go): up to 3n random draws from the table,
 * skipping members the filter refuses and repeats; it may return fewer than k when few qualify.
 */
export function randomOthers(s: MemberListState, k: number, filter: (node: NodeId, r: MemberRecord) => boolean): NodeId[] {
  const table = s.known.table;
  const n = table.size;
  if (n <= EXACT_PICK_MAX_MEMBERS) return s.rng.shuffled(others(s, filter)).slice(0, k);
  const out: NodeId[] = [];
  for (let tries = 0; tries < 3 * n && out.length < k; tries++) {
    const r = table.recordAt(s.rng.int(n));
    const node = r.claim.node;
    if (node === s.self || out.includes(node)) continue;
    if (filter(node, r)) out.push(node);
  }
  return out;
}

/** Sends a protocol message with pending updates piggybacked (a gossip message with none is not sent). */
export function send(s: MemberListState, to: NodeId, message: WireMessage): void {
  const full = s.known.piggyback(message);
  if (full) s.out.push({ type: 'send', to, message: full });
}

/** Emits the event for a member's status change. */
export function emitChange(s: MemberListState, change: StatusChange): void {
  // Spelled out rather than spread: a cluster of n members emits n² of these while it forms, and an
  // object spread of `change` takes V8's slow path here (issue 27). Same keys, same order as before.
  const event = {
    node: change.node, previous: change.previous, status: change.status, incarnation: change.incarnation,
    observer: s.self, at: s.clock, type: statusEventType(change.status),
  } as MembershipEvent;
  s.out.push({ type: 'event', event });
}

export function log(s: MemberListState, message: string, data?: unknown): void {
  s.out.push(data === undefined ? { type: 'log', message } : { type: 'log', message, data });
}
