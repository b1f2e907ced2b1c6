import type { ActorContext, ActorName, Address, AskOptions, AskOutcome, NodeId } from '@faultline/core';
import { MEMBERSHIP_ACTOR } from './actor.ts';
import { isMembershipEventMessage, type MembershipEventMessage } from './messages.ts';
import type { QuorumState } from './quorum.ts';
import type { MembershipView } from './view.ts';

/**
 * How other protocols on the same node use membership (e.g. a CP register asking "does my side hold
 * a quorum?"). Every call is an ask to the membership actor on this actor's own node: a local
 * delivery, no network round trip, and no shared state across nodes. For a synchronous answer,
 * `subscribe` once and pass incoming messages to `observe`; `hasQuorum` then follows every change.
 */
export class MembershipClient {
  /** The local membership actor. */
  readonly address: Address;
  private readonly ctx: ActorContext;
  private quorumState: QuorumState | undefined;

  constructor(ctx: ActorContext, name: string = MEMBERSHIP_ACTOR) {
    this.ctx = ctx;
    this.address = { node: ctx.self.node, name: name as ActorName };
  }

  /** This node's full view. */
  view(options?: AskOptions): Promise<AskOutcome<MembershipView>> {
    return this.ctx.ask<MembershipView>(this.address, { type: 'view' }, options);
  }

  /** Whether this node's side holds a quorum, asked now. */
  async quorum(options?: AskOptions): Promise<AskOutcome<QuorumState>> {
    const outcome = await this.ctx.ask<QuorumState>(this.address, { type: 'quorum' }, options);
    if (outcome.status === 'ok') this.quorumState = outcome.value;
    return outcome;
  }

  /** Subscribes this actor to membership events; answers the view at that moment. */
  async subscribe(options?: AskOptions): Promise<AskOutcome<MembershipView>> {
    const outcome = await this.ctx.ask<MembershipView>(this.address, { type: 'subscribe' }, options);
    if (outcome.status === 'ok') this.quorumState = outcome.value.quorum;
    return outcome;
  }

  unsubscribe(): void {
    this.ctx.send(this.address, { type: 'unsubscribe' });
  }

  /** Leaves the cluster gracefully. */
  leave(options?: AskOptions): Promise<AskOutcome<MembershipView>> {
    return this.ctx.ask<MembershipView>(this.address, { type: 'leave' }, options);
  }

  /** (Re)joins, with a new incarnation after a leave or a down. */
  join(seeds?: readonly NodeId[], options?: AskOptions): Promise<AskOutcome<MembershipView>> {
    return this.ctx.ask<MembershipView>(this.address, seeds ? { type: 'join', seeds } : { type: 'join' }, options);
  }

  /** Feed it every incoming message: true (and the cached quorum updated) for membership events. */
  observe(message: unknown): message is MembershipEventMessage {
    if (!isMembershipEventMessage(message)) return false;
    const e = message.event;
    if (e.type === 'quorum-lost' || e.type === 'quorum-regained') this.quorumState = e.quorum;
    return true;
  }

  /** The last known quorum answer (false until one is known); synchronous, for hot paths. */
  get hasQuorum(): boolean {
    return this.quorumState?.hasQuorum ?? false;
  }

  /** The last known quorum state, if any. */
  get lastQuorum(): QuorumState | undefined {
    return this.quorumState;
  }
}
