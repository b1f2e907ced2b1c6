import { EventEmitter } from 'eventemitter3';
import {
  defineActor, type ActorDefinition, type Address, type AskOptions, type AskOutcome, type NodeId,
} from '@faultline/core';
import { Membership, MEMBERSHIP_ACTOR, type MembershipProps } from './actor.ts';
import { emitMembershipEvent, type MembershipEvent, type MembershipEvents } from './events.ts';
import { isMembershipEventMessage } from './messages.ts';
import { applyViewChanges } from './view-changes.ts';
import type { MembershipView, MembershipViewChanges } from './view.ts';

/** The name of the recorder actor the observer places beside each membership actor. */
export const MEMBERSHIP_RECORDER = 'membership-recorder';

/** Props of the recorder: `sink` is called in-process (simulator only: a function cannot cross to a worker). */
export interface RecorderProps {
  readonly sink?: (event: MembershipEvent) => void;
}

/** Keeps the membership events of its node; answers `{ type: 'events' }` with all of them, and feeds `sink`. */
export const MembershipRecorder = defineActor<unknown, RecorderProps>({
  kind: 'faultline.membership-recorder',
  setup(_ctx, props) {
    const events: MembershipEvent[] = [];
    return {
      receive(message) {
        if (isMembershipEventMessage(message)) {
          events.push(message.event);
          props.sink?.(message.event);
          return undefined;
        }
        if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'events') return events;
        return undefined;
      },
    };
  },
});

/** The part of a cluster the observer needs; `Simulation` (and any `Cluster`) fits. */
export interface ObservableCluster {
  readonly nodes: readonly NodeId[];
  now(): number;
  spawn<M, P, R = unknown>(node: NodeId | string, name: string, definition: ActorDefinition<M, P, R>, props: P): Promise<Address<M, R>>;
  ask<R = unknown, M = unknown>(to: Address<M, R>, message: NoInfer<M>, options?: AskOptions): Promise<AskOutcome<R>>;
}

/** Options of {@link MembershipObserver.start}. */
export interface ObserverOptions {
  /** The nodes to start membership on; default every node of the cluster. */
  readonly nodes?: readonly NodeId[];
  /** Props of each node's membership actor (the observer fills in `observer`). */
  readonly props?: MembershipProps | ((node: NodeId) => MembershipProps);
}

/**
 * Runs membership on a simulated cluster and watches it from the controller: every node's events
 * arrive, in-process, on `events` and in `log`; `views()` asks every node for its view. A recorder
 * actor on each node receives the events locally, so partitions never hide them from the observer.
 *
 * Views travel as diffs (issue 27): the observer keeps each node's last view and asks only for the
 * members changed since (`view-changes`), so at 1,000 nodes a poll of every view moves the changes,
 * not 1,000 lists of 1,000 members; and `views()` asks all nodes at once, one round trip of virtual
 * time rather than n, during which the whole cluster keeps running.
 */
export class MembershipObserver {
  readonly events = new EventEmitter<MembershipEvents>();
  /** Every event so far, in the order they happened. */
  readonly log: MembershipEvent[] = [];
  private readonly cluster: ObservableCluster;

  private readonly started: NodeId[] = [];
  /** Each node's last view, with the epoch and table version it was taken at (the base of the next diff). */
  private readonly held = new Map<NodeId, { epoch: number; version: number; view: MembershipView }>();
  private readonly sink = (event: MembershipEvent): void => {
    this.log.push(event);
    emitMembershipEvent(this.events, event);
  };

  private constructor(cluster: ObservableCluster) {
    this.cluster = cluster;
  }

  /** The nodes membership runs on (through this observer), in start order. */
  get nodes(): readonly NodeId[] {
    return this.started;
  }

  /** Spawns a recorder and a membership actor on each node. */
  static async start(cluster: ObservableCluster, options: ObserverOptions = {}): Promise<MembershipObserver> {
    const observer = new MembershipObserver(cluster);
    for (const node of options.nodes ?? cluster.nodes) {
      await observer.add(node, typeof options.props === 'function' ? options.props(node) : (options.props ?? {}));
    }
    return observer;
  }

  /** Starts membership on one more node (e.g. a node joining at runtime through `seeds`). */
  async add(node: NodeId | string, props: MembershipProps = {}): Promise<Address> {
    await this.cluster.spawn(node, MEMBERSHIP_RECORDER, MembershipRecorder, { sink: this.sink });
    const address = await this.cluster.spawn(node, MEMBERSHIP_ACTOR, Membership, { ...props, observer: MEMBERSHIP_RECORDER });
    this.started.push(node as NodeId);
    return address;
  }

  /** The membership actor of a node. */
  address(node: NodeId | string): Address {
    return { node: node as NodeId, name: MEMBERSHIP_ACTOR as Address['name'] };
  }

  /** Asks one node for its view; undefined when it does not answer (down, paused, or cut off from the driver). */
  async view(node: NodeId | string, timeoutMs = 1000): Promise<MembershipView | undefined> {
    const id = node as NodeId;
    const held = this.held.get(id);
    const ask = held ? { type: 'view-changes', epoch: held.epoch, since: held.version } : { type: 'view-changes' };
    const outcome = await this.cluster.ask<MembershipViewChanges>(this.address(id), ask, { timeoutMs });
    if (outcome.status !== 'ok') return undefined;
    const changes = outcome.value;
    const view = applyViewChanges(changes.full ? undefined : held?.view, changes);
    this.held.set(id, { epoch: changes.epoch, version: changes.version, view });
    return view;
  }

  /** Every node's view, asked of all nodes at once (views of one instant, in one round trip). */
  async views(timeoutMs = 1000): Promise<Map<NodeId, MembershipView | undefined>> {
    const nodes = [...this.nodes];
    const views = await Promise.all(nodes.map((node) => this.view(node, timeoutMs)));
    const out = new Map<NodeId, MembershipView | undefined>();
    nodes.forEach((node, i) => out.set(node, views[i]));
    return out;
  }

  /** Sends a command (`leave`, `join`, …) to one node's membership actor and returns its answer. */
  command<R = MembershipView>(node: NodeId | string, message: unknown, timeoutMs = 1000): Promise<AskOutcome<R>> {
    return this.cluster.ask<R>(this.address(node), message, { timeoutMs });
  }

  /** The events matching a filter. */
  filter(pred: (e: MembershipEvent) => boolean): MembershipEvent[] {
    return this.log.filter(pred);
  }
}
