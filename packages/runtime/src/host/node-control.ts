import type { MessagePort } from 'node:worker_threads';
import type { Address, ClockFault, DiskFault, NodeId, NodeSnapshot } from '@faultline/core';
import type { CountersSnapshot, LinkLayer } from '@faultline/transport';
import type { ActorRegistry } from './actor-registry.ts';
import { captureResult, type ControlResult } from './errors.ts';
import type { WireStats } from './link/mesh.ts';
import type { MessageStats } from '../stats/message-stats.ts';
import { applyNetworkUpdate } from './network-loader.ts';
import type { NodeControl } from './protocol.ts';
import type { NodeClock } from './node-clock.ts';
import type { FileStorage, FileStorageStats } from './storage/file-storage.ts';
import type { WireNode } from './wire-node.ts';

/** The worker side of the control plane: what the controller may ask of one node. */
export class NodeControlService implements NodeControl {
  private readonly node: WireNode;
  private readonly registry: ActorRegistry;
  private readonly link: LinkLayer | undefined;
  private readonly clock: NodeClock;
  private readonly storage: FileStorage;

  constructor(node: WireNode, registry: ActorRegistry, link: LinkLayer | undefined, clock: NodeClock, storage: FileStorage) {
    this.node = node;
    this.registry = registry;
    this.link = link;
    this.clock = clock;
    this.storage = storage;
  }

  spawn(name: string, kind: string, props: unknown): ControlResult<Address> {
    return captureResult(() => this.node.host.spawn(name, this.registry.get(kind), props));
  }

  pause(): void {
    this.node.host.pause();
  }

  resume(): void {
    this.node.host.resume();
  }

  snapshot(): NodeSnapshot {
    return this.node.host.snapshot();
  }

  wireStats(): WireStats {
    return { ...this.node.mesh.stats };
  }

  messageStats(): MessageStats {
    return this.node.mesh.tally.snapshot();
  }

  networkCounters(): CountersSnapshot | undefined {
    return this.link?.counterSnapshot?.();
  }

  connect(peer: NodeId, port: MessagePort): void {
    this.node.mesh.connect(peer, port);
  }

  configureNetwork(update: unknown): ControlResult<void> {
    return captureResult(() => applyNetworkUpdate(this.link, update));
  }

  clockFault(fault: ClockFault, atTrueMs: number): ControlResult<number> {
    return captureResult(() => this.clock.apply(fault, atTrueMs));
  }

  diskFault(fault: DiskFault, seed: number): ControlResult<void> {
    return captureResult(() => this.storage.diskFault(fault, seed));
  }

  storageStats(): FileStorageStats {
    return this.storage.stats();
  }

  ping(): true {
    return true;
  }

  shutdown(): void {
    this.node.host.shutdown();
    this.node.mesh.close();
  }
}
