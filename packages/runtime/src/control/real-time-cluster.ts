import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'eventemitter3';
import {
  ConfigError, isActorDefinition, NotFoundError, requireNumber,
  type ActorDefinition, type ActorName, type Address, type AskOptions, type AskOutcome, type ClockFault, type DiskFault, type NodeEvent, type NodeHost, type NodeId, type NodeSnapshot,
} from '@faultline/core';
import { DRIVER_NODE, type Cluster, type ClusterEvents } from '../cluster.ts';
import { cloneFailure, UnknownKindError, unwrapResult } from '../host/errors.ts';
import type { WireStats } from '../host/link/mesh.ts';
import { setLongTimeout } from '../host/long-timer.ts';
import { clusterTime, epochNow } from '../host/node-clock.ts';
import type { WorkerReport } from '../host/protocol.ts';
import type { FileStorageStats } from '../host/storage/file-storage.ts';
import type { WireNode } from '../host/wire-node.ts';
import { mergeMessageStats, type MessageStats } from '../stats/message-stats.ts';
import { FaultNetwork, isCountersSnapshot, mergeCounters, type CountersSnapshot, type FaultNetworkOptions, type FaultTarget } from '@faultline/transport';
import { clusterFaultTarget } from '../faults/cluster-faults.ts';
import type { ControlledNode } from './controlled-node.ts';
import type { NetworkMirrors } from './network-mirrors.ts';

/**
 * What every real-time controller shares, whatever carries its nodes (worker threads, OS processes
 * over NATS): the driver node in this program, the cluster clock, the network mirrors, and the
 * `Cluster` operations that are one control call per node. A transport adds how nodes start,
 * crash and restart, and how their reports arrive; it reaches nothing of another transport.
 */
export abstract class RealTimeCluster<N extends ControlledNode> implements Cluster {
  abstract readonly runtime: Cluster['runtime'];
  readonly seed: number;
  readonly nodes: readonly NodeId[];
  readonly events = new EventEmitter<ClusterEvents>();
  /** When the cluster's clock started, in epoch ms; shared with every node so their clocks agree. */
  protected readonly originEpochMs = epochNow();
  protected readonly trueNow = clusterTime(this.originEpochMs);
  /** This run's nonce in every seal (frame auth): a batch captured in one run is refused in the next. */
  protected readonly authRun = new Uint8Array(randomBytes(16));
  protected readonly members = new Map<NodeId, N>();
  /**
   * The controller's copy of the fault network (config `faults`): it routes nothing here; it takes
   * rules and partitions and forwards each change, in order, to every node's mirror, which routes.
   */
  readonly faults: FaultNetwork | undefined;
  protected abstract readonly driver: WireNode;
  protected closed = false;
  private networkSync: Promise<void> = Promise.resolve();
  private lifecycle: Promise<unknown> = Promise.resolve();
  /** Disk faults injected so far: each `corrupt` draws its byte from the seed and this count. */
  private diskFaults = 0;

  /** The network model's mirrors: the driver's link layer, and the updates every node replays. */
  protected readonly network: NetworkMirrors;
  /** The actor modules nodes load (named when a kind is unknown). */
  private readonly modules: readonly string[];

  protected constructor(seed: number, nodes: readonly NodeId[], network: NetworkMirrors, modules: readonly string[], faults: FaultNetworkOptions | undefined) {
    this.seed = seed;
    this.nodes = nodes;
    this.network = network;
    this.modules = modules;
    this.faults = faults === undefined ? undefined : new FaultNetwork(faults);
    // Each change goes to every node after the one before it has reached them all: mirrors apply changes in order.
    this.faults?.events.on('update', ({ update }) => {
      this.networkSync = this.networkSync.then(() => this.configureNetwork(update)).catch((error: unknown) => {
        this.events.emit('log', { level: 'error', source: DRIVER_NODE, time: this.now(), message: `a fault-network update did not reach every node: ${String(error)}` });
      });
    });
  }

  /** Resolves once every change of `faults` so far has reached every running node's mirror. */
  settleNetwork(): Promise<void> {
    return this.networkSync;
  }

  abstract crash(node: NodeId | string): Promise<void>;
  abstract restart(node: NodeId | string): Promise<void>;
  abstract shutdown(): Promise<void>;

  now(): number {
    return this.trueNow();
  }

  async spawn<M, P, R = unknown>(node: NodeId | string, name: string, definition: ActorDefinition<M, P, R>, props: P): Promise<Address<M, R>> {
    if (!isActorDefinition(definition)) throw new ConfigError('definition', definition, 'must be made by defineActor');
    const member = this.member(node);
    const result = await member.control(`spawn '${name}'`, 'spawn', [name, definition.kind, props]).catch(cloneFailure('props', props));
    if (!result.ok && result.error.code === 'unknown-kind') throw new UnknownKindError(definition.kind, this.modules);
    const address = unwrapResult(result);
    member.boot.push({ name, kind: definition.kind, props });
    return address;
  }

  tell<M = unknown>(to: Address<M, unknown>, message: NoInfer<M>): void {
    this.driverHost().tell(DRIVER_ADDRESS, to, message);
  }

  ask<R = unknown, M = unknown>(to: Address<M, R>, message: NoInfer<M>, options?: AskOptions): Promise<AskOutcome<R>> {
    return this.driverHost().ask<R>(DRIVER_ADDRESS, to, message, options);
  }

  /** Resolves after `ms` of real time (any length); NaN or a negative `ms` is a ConfigError, as in the simulator. */
  sleep(ms: number): Promise<void> {
    requireNumber('sleep(ms)', ms, 0);
    return new Promise((resolve) => setLongTimeout(resolve, ms));
  }

  async pause(node: NodeId | string): Promise<void> {
    const member = this.member(node);
    if (member.isUp) await member.control('pause', 'pause', []);
    this.events.emit('node-paused', { node: member.id, paused: true });
  }

  async resume(node: NodeId | string): Promise<void> {
    const member = this.member(node);
    if (member.isUp) await member.control('resume', 'resume', []);
    this.events.emit('node-paused', { node: member.id, paused: false });
  }

  isUp(node: NodeId | string): boolean {
    return this.member(node).isUp;
  }

  snapshot(node: NodeId | string): Promise<NodeSnapshot> {
    return this.member(node).control('take a snapshot', 'snapshot', []);
  }

  /**
   * Messages per node and per link, gathered from every running node and the driver: each counts
   * what it sent and dropped and what it received. A crashed node's counts are lost with it.
   */
  async messageStats(): Promise<MessageStats> {
    const up = [...this.members.values()].filter((m) => m.isUp);
    const parts = await Promise.all(up.map((m) => m.control('read message stats', 'messageStats', [])));
    return mergeMessageStats([this.driver.mesh.tally.snapshot(), ...parts]);
  }

  /** The wire counters of a node (or of the driver, `'driver'`). */
  async wireStats(node: NodeId | string): Promise<WireStats> {
    if (node === DRIVER_NODE) return { ...this.driver.mesh.stats };
    return this.member(node).control('read wire stats', 'wireStats', []);
  }

  /**
   * Sends a serializable update to the link layer of every node and the driver (each applies it to
   * the frames it sends), and replays it to nodes that start later. Needs a `network` whose layer
   * has `apply(update)`; rejects with the first node's error if a layer refuses the update.
   */
  configureNetwork(update: unknown): Promise<void> {
    const targets = [...this.members.values()].map((m) => ({
      isUp: m.isUp,
      configureNetwork: (u: unknown) => m.control('configure its network', 'configureNetwork', [u]),
    }));
    return this.network.configure(update, targets);
  }

  /**
   * What the network model did so far, summed over every running node's mirror and the driver's
   * (each routes the frames it sends). A crashed node's counts are lost with it; a reply that is
   * not a counters snapshot is left out and logged.
   */
  async networkCounters(): Promise<CountersSnapshot> {
    const up = [...this.members.values()].filter((m) => m.isUp);
    const parts = await Promise.all(up.map((m) => m.control('read network counters', 'networkCounters', [])));
    const driver = this.network.driverLink?.counterSnapshot?.();
    const counted: CountersSnapshot[] = driver ? [driver] : [];
    parts.forEach((part, i) => {
      if (part === undefined || part === null) return;
      if (isCountersSnapshot(part)) counted.push(part);
      else this.events.emit('log', { level: 'warn', source: DRIVER_NODE, time: this.now(), message: `node ${up[i]?.id} answered network counters that are not counts; left out` });
    });
    return mergeCounters(counted);
  }

  /** What a `Nemesis` drives here: the nodes, the fault network, node, clock and disk faults. Needs `faults`. */
  faultTarget(): FaultTarget {
    return clusterFaultTarget(this, this.faults, (node, fault) => this.clockFault(node, fault), (node, fault) => this.diskFault(node, fault));
  }

  /**
   * Injects a disk fault into a running node's storage file (`host/storage/disk-faults.ts`), as the
   * simulator's disk model does: `lose-unsynced` cuts the file back to its last fsync and crashes the
   * node; `corrupt` flips a seeded byte (found by its checksum at the next start); `slow` / `fast`
   * delay each fsync or stop doing so (for this incarnation). A node that is down takes none.
   */
  async diskFault(node: NodeId | string, fault: DiskFault): Promise<void> {
    const member = this.member(node);
    if (!member.isUp) throw new NotFoundError(`node ${member.id} is down: a disk fault needs its running storage`);
    const seed = (this.seed ^ Math.imul(++this.diskFaults, 0x9e3779b1)) >>> 0;
    unwrapResult(await member.control(`apply the disk fault ${fault}`, 'diskFault', [fault, seed]));
    if (fault === 'lose-unsynced') await this.crash(member.id);
  }

  /** A running node's storage counters (records, bytes written, fsyncs, bytes synced, compactions). */
  async storageStats(node: NodeId | string): Promise<FileStorageStats> {
    return this.member(node).control('read storage stats', 'storageStats', []);
  }

  /** Applies a fault to a node's physical clock now (offset, bump, drift, strobe, reset); kept across its restarts. */
  async clockFault(node: NodeId | string, fault: ClockFault): Promise<void> {
    const member = this.member(node);
    const at = member.clock.apply(fault, this.now());
    member.clockFaults.push({ fault, atTrueMs: at });
    if (member.isUp) unwrapResult(await member.control('apply a clock fault', 'clockFault', [fault, at]));
  }

  /** What a node's clock reads now (its `ctx.now()`), next to the true time `now()`; works while it is down. */
  clockOf(node: NodeId | string): number {
    return this.member(node).clock.read();
  }

  // ---- for the transports ----

  /** Passes a node's event or log report on to the program; other kinds are the transport's. */
  protected forwardReport(node: NodeId, report: WorkerReport): void {
    if (report.t === 'event') this.nodeEvent(report.event, node);
    else if (report.t === 'log') this.events.emit('log', report.record);
  }

  /** Passes a node's event on as a `node-event`, and a loss report also as `messages-lost`. */
  protected nodeEvent(event: NodeEvent, at: NodeId): void {
    this.events.emit('node-event', { ...event, at });
    if (event.type === 'messages-lost') {
      this.events.emit('messages-lost', { at, link: event.link, from: event.from, to: event.to, reason: event.reason, count: event.count });
    }
  }

  /** Runs lifecycle changes (crash, restart) one at a time, so no node is rebuilt against a half-started one. */
  protected serial<T>(op: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new NotFoundError('the cluster has been shut down'));
    const next = this.lifecycle.then(op, op);
    this.lifecycle = next.catch(() => {});
    return next;
  }

  /** Waits for the lifecycle change in progress, if any (at shutdown). */
  protected settled(): Promise<void> {
    return this.lifecycle.then(() => {}, () => {});
  }

  protected member(node: NodeId | string): N {
    const member = this.members.get(node as NodeId);
    if (!member) throw new NotFoundError(`unknown node '${node}'; the cluster has ${this.nodes.join(', ')}`);
    return member;
  }

  private driverHost(): NodeHost {
    if (this.closed) throw new NotFoundError('the cluster has been shut down');
    return this.driver.host;
  }
}

/** The driver's own address: where the program's asks come from. */
const DRIVER_ADDRESS: Address = { node: DRIVER_NODE, name: 'client' as ActorName };
