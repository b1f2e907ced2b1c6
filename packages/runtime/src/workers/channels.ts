import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { transfer } from 'comlink';
import type { NodeId } from '@faultline/core';
import { DRIVER_NODE } from '../cluster.ts';
import type { Mesh } from '../host/link/mesh.ts';
import type { NodeProcess } from './node-process.ts';

/** Ports by peer node id: one node's ends of its channels. */
export type PeerPorts = Record<string, MessagePort>;

/**
 * Builds the full mesh at start: one MessageChannel per pair of nodes, the driver included.
 * Connects the driver's ends to its mesh and returns each worker node's ends, to transfer at its start.
 */
export function buildFullMesh(driver: Mesh, nodes: readonly NodeId[]): Map<NodeId, PeerPorts> {
  const ids = [DRIVER_NODE, ...nodes];
  const ends = new Map<NodeId, PeerPorts>(ids.map((id) => [id, {}]));
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = ids[i] as NodeId;
      const b = ids[j] as NodeId;
      const { port1, port2 } = new MessageChannel();
      (ends.get(a) as PeerPorts)[b] = port1;
      (ends.get(b) as PeerPorts)[a] = port2;
    }
  }
  for (const [peer, port] of Object.entries(ends.get(DRIVER_NODE) ?? {})) driver.connect(peer as NodeId, port);
  ends.delete(DRIVER_NODE);
  return ends;
}

/**
 * Builds a restarting node's channels: a new one to the driver and to every live node, whose ends
 * are handed over at once (the driver's directly, the workers' over the control plane). Returns the
 * restarting node's ends and the hand-overs in flight. Frames posted before a peer takes its end wait in the channel.
 */
export function rewireNode(node: NodeProcess, driver: Mesh, others: Iterable<NodeProcess>): { peers: PeerPorts; handovers: Promise<void>[] } {
  const peers: PeerPorts = {};
  const toDriver = new MessageChannel();
  driver.connect(node.id, toDriver.port1);
  peers[DRIVER_NODE] = toDriver.port2;
  const handovers: Promise<void>[] = [];
  for (const other of others) {
    if (other === node || !other.isUp) continue;
    const { port1, port2 } = new MessageChannel();
    peers[other.id] = port2;
    // A peer that dies meanwhile simply never gets its end; close it so nothing waits on it.
    handovers.push(other.call('connect', (c) => c.connect(node.id, transfer(port1, [port1 as never]))).catch(() => port1.close()));
  }
  return { peers, handovers };
}
