import type { EventEmitter } from 'eventemitter3';
import type { NodeId } from '@faultline/core';
import type { MemberStatus } from './member.ts';
import type { QuorumState } from './quorum.ts';

/** A member changed status in one node's view. */
export interface MemberChange {
  /** The node whose view changed. */
  readonly observer: NodeId;
  /** The member that changed. */
  readonly node: NodeId;
  readonly status: MemberStatus;
  /** Its status before, or `none` when it was not in the view. */
  readonly previous: MemberStatus | 'none';
  readonly incarnation: number;
  /** The observer's clock at the change. */
  readonly at: number;
}

/** A node's quorum changed. */
export interface QuorumChange {
  readonly observer: NodeId;
  readonly quorum: QuorumState;
  readonly at: number;
}

/** Everything a membership actor reports, as data. */
export type MembershipEvent =
  | ({ readonly type: 'member-up' } & MemberChange)
  | ({ readonly type: 'member-suspect' } & MemberChange)
  | ({ readonly type: 'member-unreachable' } & MemberChange)
  | ({ readonly type: 'member-down' } & MemberChange)
  | ({ readonly type: 'member-left' } & MemberChange)
  /** hasQuorum turned false. */
  | ({ readonly type: 'quorum-lost' } & QuorumChange)
  /** hasQuorum turned true, including the first time after start. */
  | ({ readonly type: 'quorum-regained' } & QuorumChange);

/** The name of every membership event. */
export type MembershipEventType = MembershipEvent['type'];

/** The typed event map for an eventemitter3 emitter of membership events. */
export type MembershipEvents = {
  [K in MembershipEventType]: (event: Extract<MembershipEvent, { type: K }>) => void;
};

/** The event type announcing a member's new status. */
export function statusEventType(status: MemberStatus): MembershipEventType {
  switch (status) {
    case 'alive': return 'member-up';
    case 'suspect': return 'member-suspect';
    case 'unreachable': return 'member-unreachable';
    case 'down': return 'member-down';
    case 'left': return 'member-left';
    default: {
      const never: never = status;
      throw new Error(`unknown status ${String(never)}`);
    }
  }
}

/** Emits an event on a typed emitter under its own type. */
export function emitMembershipEvent(emitter: EventEmitter<MembershipEvents>, event: MembershipEvent): void {
  (emitter.emit as (type: MembershipEventType, event: MembershipEvent) => boolean)(event.type, event);
}
