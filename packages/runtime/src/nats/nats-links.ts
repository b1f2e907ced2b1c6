import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { NodeId } from '@faultline/core';
import type { Mesh } from '../host/link/mesh.ts';
import { NatsPeerPort } from './nats-port.ts';
import type { ClusterSubjects } from './subjects.ts';

/**
 * One incarnation's mesh links over NATS: a NatsPeerPort per peer, the subscription to its own data
 * subject (each batch routed to the port of the sender its reply subject names, to be credited; any
 * other publication goes to the mesh unattributed) and the one to its credit subjects.
 */
export class NatsLinks {
  private readonly ports = new Map<string, NatsPeerPort>();
  private readonly subscriptions: Subscription[];

  constructor(nc: NatsConnection, subjects: ClusterSubjects, self: string, incarnation: number, mesh: Mesh, peers: readonly string[]) {
    for (const peer of peers) {
      if (peer === self) continue;
      const port = new NatsPeerPort(nc, subjects.data(peer), subjects.credit(self, incarnation, peer));
      this.ports.set(peer, port);
      mesh.connect(peer as NodeId, port);
    }
    const data = nc.subscribe(subjects.data(self), {
      callback: (error, msg) => {
        if (error) return;
        const via = subjects.parseReply(msg.reply, self);
        const port = via === undefined ? undefined : this.ports.get(via.from);
        if (port !== undefined && via !== undefined) port.arrived(msg.data, via.creditTo, via.seq);
        else mesh.receive(msg.data);
      },
    });
    const credit = nc.subscribe(subjects.creditsOf(self, incarnation), {
      callback: (error, msg) => {
        if (!error) this.ports.get(msg.subject.slice(msg.subject.lastIndexOf('.') + 1))?.credited(msg.data);
      },
    });
    this.subscriptions = [data, credit];
  }

  /** Stops listening (the incarnation ended); the mesh closes the ports. */
  close(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }
}
