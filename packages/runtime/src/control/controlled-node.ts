import type { NodeId } from '@faultline/core';
import type { AppliedClockFault, NodeClock } from '../host/node-clock.ts';
import type { BootSpec, NodeControl } from '../host/protocol.ts';

/** A control operation a controller may call on a node (`connect` and `shutdown` stay with each transport). */
export type ControlOp = Exclude<keyof NodeControl, 'connect' | 'shutdown' | 'ping'>;

/**
 * One node as a real-time controller sees it, whatever carries its control plane (comlink to a
 * worker thread, NATS request/reply to an OS process): its boot actors, its clock kept across
 * restarts, and a way to call its current incarnation.
 */
export interface ControlledNode {
  readonly id: NodeId;
  /** Actors spawned through the cluster: started again by every restart. */
  readonly boot: BootSpec[];
  /** The node's physical clock as the controller models it (readable while the node is down). */
  readonly clock: NodeClock;
  /** Clock faults applied so far, replayed into each new incarnation. */
  readonly clockFaults: AppliedClockFault[];
  /** True while an incarnation is running. */
  readonly isUp: boolean;
  /** Calls `op` on the running incarnation; rejects with NodeDownError when there is none. `doing` names it in errors. */
  control<K extends ControlOp>(doing: string, op: K, args: Parameters<NodeControl[K]>): Promise<ReturnType<NodeControl[K]>>;
}
