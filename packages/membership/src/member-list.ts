import type { NodeId } from '@faultline/core';
import { Awareness } from './awareness.ts';
import type { MembershipConfig } from './config.ts';
import { Deadlines } from './deadlines.ts';
import type { KnowledgeHost } from './knowledge.ts';
import type { StatusChange } from './member-table.ts';
import type { MemberListEffect, MemberListInput, MemberListOptions } from './member-list-types.ts';
import { join, leave, start } from './member-list-lifecycle.ts';
import { nextTarget, pickRelays, probeFailed, probeSucceeded } from './member-list-probing.ts';
import { noteQuorum, quorumOf } from './member-list-quorum.ts';
import { receive } from './member-list-receive.ts';
import { watchSplitBrain } from './member-list-split-brain.ts';
import { createState, emitChange, log, me, send, type MemberListState } from './member-list-state.ts';
import { wakeGossip } from './member-list-dissemination.ts';
import { tick } from './member-list-time.ts';
import type { WireMessage } from './messages.ts';
import type { ProbeHost } from './prober.ts';
import type { QuorumState } from './quorum.ts';
import type { MembershipView, MembershipViewChanges } from './view.ts';

/**
 * SWIM + Lifeguard membership of one node as a pure state machine (etcd-raft style): `step` takes
 * an input and the node's clock and returns effects; it does no I/O, and its only randomness is
 * the injected generator. `nextDeadline` says when to `tick` next.
 *
 * The work is done by plain functions over a `MemberListState`, one file per concept:
 * lifecycle (start, join, leave), time (deadlines), receive (messages), probing, dissemination
 * (gossip, push-pull, reconnect), quorum and split-brain.
 */
export class MemberList implements ProbeHost, KnowledgeHost {
  readonly self: NodeId;
  readonly config: MembershipConfig;
  readonly awareness: Awareness;
  readonly deadlines = new Deadlines();
  private readonly state: MemberListState;

  constructor(options: MemberListOptions) {
    this.self = options.self;
    this.config = options.config;
    this.awareness = new Awareness(options.config.awarenessMax);
    this.state = createState(options, this);
  }

  /** Feeds one input at `now` (the node's clock; a smaller value than before counts as no time passing). */
  step(input: MemberListInput, now: number): MemberListEffect[] {
    const s = this.state;
    s.clock = Math.max(s.clock, now);
    switch (input.type) {
      case 'start': start(s); break;
      case 'tick': tick(s); break;
      case 'message': if (s.phase === 'running') receive(s, input.from, input.message); break;
      case 'leave': leave(s); break;
      case 'join': join(s, input.seeds); break;
      default: {
        const never: never = input;
        throw new Error(`unknown input ${JSON.stringify(never)}`);
      }
    }
    wakeGossip(s);
    noteQuorum(s);
    watchSplitBrain(s);
    const out = s.out;
    s.out = [];
    return out;
  }

  /** The earliest time `tick` has work to do. */
  nextDeadline(): number | undefined {
    return this.deadlines.next();
  }

  /** This node's view, quorum and health now. */
  view(): MembershipView {
    const s = this.state;
    const self = me(s);
    return {
      self: s.self, phase: s.phase, status: self.status, incarnation: self.claim.incarnation, joined: s.joined,
      members: s.known.table.views(), quorum: this.quorum(), awareness: s.awareness.score, at: s.clock,
    };
  }

  /**
   * This node's view as a diff: the members changed after table version `since` (every member when
   * `since` is undefined or ahead of the table), for an observer that holds the view at `since`.
   */
  viewChanges(epoch: number, since: number | undefined): MembershipViewChanges {
    const s = this.state;
    const self = me(s);
    const table = s.known.table;
    const full = since === undefined || since > table.version;
    return {
      self: s.self, phase: s.phase, status: self.status, incarnation: self.claim.incarnation, joined: s.joined,
      members: table.viewsSince(full ? -1 : since), quorum: this.quorum(), awareness: s.awareness.score, at: s.clock,
      epoch, version: table.version, full,
    };
  }

  /** Whether this node's side holds a quorum now. */
  quorum(): QuorumState {
    return quorumOf(this.state);
  }

  // ---- ProbeHost and KnowledgeHost: what the prober and the knowledge layer call back into.
  // Each method calls the imported function of the same name with this list's state. ----

  now(): number {
    return this.state.clock;
  }

  send(to: NodeId, message: WireMessage): void {
    send(this.state, to, message);
  }

  nextTarget(): { node: NodeId; incarnation: number } | undefined {
    return nextTarget(this.state);
  }

  pickRelays(target: NodeId, k: number): NodeId[] {
    return pickRelays(this.state, target, k);
  }

  probeSucceeded(target: NodeId): void {
    probeSucceeded(this.state, target);
  }

  probeFailed(target: NodeId, incarnation: number): void {
    probeFailed(this.state, target, incarnation);
  }

  emitChange(change: StatusChange): void {
    emitChange(this.state, change);
  }

  revived(node: NodeId): void {
    this.state.splitBrain?.revive(node);
  }

  log(message: string, data?: unknown): void {
    log(this.state, message, data);
  }
}
