import { deadlineTimer, defineActor, Rejection, type Address, type NodeId } from '@faultline/core';
import { membershipConfig, type MembershipConfigInput } from './config.ts';
import { MemberList } from './member-list.ts';
import type { MemberListEffect, MemberListInput } from './member-list-types.ts';
import { WIRE_TYPES, type MembershipEventMessage, type MembershipMessage, type WireMessage } from './messages.ts';

/** The name membership actors run under unless told otherwise; peers must all use the same name. */
export const MEMBERSHIP_ACTOR = 'membership';

/** How a membership actor is started (plain data, so it works on workers too). */
export interface MembershipProps {
  /** A preset name and overrides; default the `lan` preset. */
  readonly config?: MembershipConfigInput;
  /** Configured members (count toward a majority, give seniority); default every node of the cluster. */
  readonly members?: readonly NodeId[];
  /** Nodes to join through; default every node of the cluster. */
  readonly seeds?: readonly NodeId[];
  /** Gets every membership event: an address, or the name of an actor on this node. */
  readonly observer?: Address | string;
  /** The incarnation to start at (default 0). */
  readonly incarnation?: number;
}

/** Validates props eagerly, so a bad config throws ConfigError at the call site rather than inside the actor. */
export function membershipProps(props: MembershipProps = {}): MembershipProps {
  membershipConfig(props.config);
  return props;
}

/**
 * The membership actor: a thin shell around the pure {@link MemberList}. It feeds messages and
 * its single timer to the state machine, sends what it returns to the same-named actor on other
 * nodes, pushes events to its observer and subscribers, and answers `view` and `quorum` asks.
 */
export const Membership = defineActor<MembershipMessage, MembershipProps>({
  kind: 'faultline.membership',
  setup(ctx, props) {
    const config = membershipConfig(props.config);
    const list = new MemberList({
      self: ctx.self.node, config, rng: ctx.rng.derive('swim'),
      members: props.members ?? ctx.clusterNodes, seeds: props.seeds ?? ctx.clusterNodes, incarnation: props.incarnation ?? 0,
    });
    // This life of the actor, for view diffs: derived (no draw from the protocol's stream), and new
    // after a restart, whose fresh table's versions must not be diffed against the old life's.
    const epoch = ctx.rng.derive('view-epoch').seed;
    const subscribers: Address[] = [];
    if (props.observer !== undefined) {
      subscribers.push(typeof props.observer === 'string' ? { node: ctx.self.node, name: props.observer as Address['name'] } : props.observer);
    }
    let lastNow = -Infinity;
    const now = () => (lastNow = Math.max(lastNow, ctx.now()));

    const carryOut = (effects: MemberListEffect[]) => {
      for (const e of effects) {
        switch (e.type) {
          case 'send':
            ctx.send({ node: e.to, name: ctx.self.name }, e.message);
            break;
          case 'event': {
            const message: MembershipEventMessage = { type: 'membership-event', event: e.event };
            for (const s of subscribers) ctx.send(s, message);
            break;
          }
          case 'log':
            ctx.log.debug(e.message, e.data);
            break;
          default: {
            const never: never = e;
            throw new Error(`unknown effect ${JSON.stringify(never)}`);
          }
        }
      }
    };
    // One timer for the machine's earliest deadline; a tick when it is due.
    const arm = (): void => armAt(list.nextDeadline());
    const armAt = deadlineTimer(ctx, now, () => step({ type: 'tick' }));
    const step = (input: MemberListInput) => {
      carryOut(list.step(input, now()));
      arm();
    };
    ctx.setTimer(0, () => step({ type: 'start' }));

    return {
      receive(message, incoming) {
        if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
          throw new Rejection('bad-request', 'membership messages are objects with a string `type`');
        }
        if (WIRE_TYPES.has(message.type)) {
          step({ type: 'message', from: incoming.from.node, message: message as WireMessage });
          return undefined;
        }
        const command = message as Exclude<MembershipMessage, WireMessage>;
        switch (command.type) {
          case 'view':
            return list.view();
          case 'view-changes':
            return list.viewChanges(epoch, command.epoch === epoch ? command.since : undefined);
          case 'quorum':
            return list.quorum();
          case 'subscribe': {
            const who = command.subscriber ?? incoming.from;
            if (!subscribers.some((s) => s.node === who.node && s.name === who.name)) subscribers.push(who);
            return list.view();
          }
          case 'unsubscribe': {
            const who = command.subscriber ?? incoming.from;
            const i = subscribers.findIndex((s) => s.node === who.node && s.name === who.name);
            if (i >= 0) subscribers.splice(i, 1);
            return undefined;
          }
          case 'leave':
            step({ type: 'leave' });
            return list.view();
          case 'join':
            step(command.seeds ? { type: 'join', seeds: command.seeds } : { type: 'join' });
            return list.view();
          default: {
            const never: never = command;
            throw new Rejection('bad-request', `unknown membership message type ${JSON.stringify((never as { type: unknown }).type)}`);
          }
        }
      },
    };
  },
});
