import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { EventEmitter } from 'eventemitter3';
import {
  ConfigError, isActorDefinition, NotFoundError, requireNumber,
  type ActorDefinition, type ActorName, type ClockFault, type Address, type AskOptions, type AskOutcome, type NodeHost, type NodeId, type NodeSnapshot,
} from '@faultline/core';
import { DRIVER_NODE, type Cluster, type ClusterEvents } from '../cluster.ts';
import { resolveNodes, resolveSeed } from '../config.ts';
import { buildFullMesh, rewireNode, type PeerPorts } from './channels.ts';
import { cloneFailure, UnknownKindError, unwrapResult, WorkerStartError, type ControlResult } from './errors.ts';
import type { WireStats } from './mesh.ts';
import { mergeMessageStats, type MessageStats } from '../stats/message-stats.ts';
import { NetworkMirrors } from './network-mirrors.ts';
import { NodeProcess, type SharedInit } from './node-process.ts';
import type { WorkerReport } from './protocol.ts';
import { clusterTime, epochNow, NodeClock } from './node-clock.ts';
import { resolveWorkerConfig, type ResolvedWorkerConfig, type WorkerClusterConfig } from './worker-config.ts';
import { createWireNode, type WireNode } from './wire-node.ts';
import { chooseLaunch, type WorkerLaunch } from './worker-launch.ts';
import { refuseInsideNode } from './node-thread.ts';
import { driverStamping } from '../driver-stamping.ts';
import { Heartbeat } from './heartbeat.ts';
import { StorageDir } from './storage-dir.ts';
import { setLongTimeout } from './long-timer.ts';

/** Callbacks during `WorkerCluster.start`. */
export interface StartHooks {
  /** A node is ready: `ready` of `total` so far. */
  readonly onNodeStarted?: (node: NodeId, ready: number, total: number) => void;
}

/**
 * A cluster on real threads: each node is a worker_thread hosting a NodeHost; the driver (this
 * program) is a NodeHost in the main thread. Data travels over a full mesh of MessagePorts in
 * per-turn batches; the control plane (spawn, pause, snapshots) over comlink. The twin of `Simulation`.
 */
export class WorkerCluster implements Cluster {
  readonly runtime = 'workers' as const;
  readonly seed: number;
  readonly nodes: readonly NodeId[];
  readonly events = new EventEmitter<ClusterEvents>();
  private readonly config: ResolvedWorkerConfig;
  private readonly originEpochMs: number;
  private readonly trueNow: () => number;
  private readonly procs = new Map<NodeId, NodeProcess>();
  private readonly driver: WireNode;
  private readonly network: NetworkMirrors;
  /** This run's nonce in every seal (frame auth): a batch captured in one run is refused in the next. */
  private readonly authRun = new Uint8Array(randomBytes(16));
  private lifecycle: Promise<unknown> = Promise.resolve();
  private readonly storageDir: StorageDir;
  private readonly heartbeat: Heartbeat;
  /** How node workers start: from built JavaScript, or through tsx (see worker-launch.ts). */
  private readonly launch: WorkerLaunch;
  private closed = false;

  /**
   * Starts every node's worker; resolves when all are ready. Throws WorkerStartError if one cannot start.
   * `hooks.onNodeStarted` is told as each node becomes ready (e.g. to show progress).
   */
  static async start(config: WorkerClusterConfig, hooks: StartHooks = {}): Promise<WorkerCluster> {
    refuseInsideNode('WorkerCluster.start');
    const seed = resolveSeed(config.seed);
    const nodes = resolveNodes(config.nodes);
    const resolved = resolveWorkerConfig(config);
    const cluster = new WorkerCluster(seed, nodes, resolved, await NetworkMirrors.load(resolved.network, seed));
    try {
      await cluster.startAll(hooks);
    } catch (error) {
      await cluster.shutdown();
      throw error;
    }
    return cluster;
  }

  private constructor(seed: number, nodes: NodeId[], config: ResolvedWorkerConfig, network: NetworkMirrors) {
    this.seed = seed;
    this.nodes = nodes;
    this.config = config;
    this.network = network;
    this.launch = chooseLaunch(config.modules, config.network);
    this.originEpochMs = epochNow();
    this.trueNow = clusterTime(this.originEpochMs);
    const hooks = {
      report: (node: NodeId, report: WorkerReport) => this.onReport(node, report),
      died: (node: NodeId, reason: string) => this.down(node, reason),
    };
    // Every node's disk lives in one folder for the cluster's lifetime (removed at shutdown).
    this.storageDir = new StorageDir();
    for (const id of nodes) {
      this.procs.set(id, new NodeProcess(id, hooks, { config: config.clockOf(id), trueNow: this.trueNow, seed }, join(this.storageDir.path, `${id}.log`)));
    }
    this.heartbeat = new Heartbeat(() => this.procs.values(), {
      everyMs: config.heartbeatMs,
      unresponsiveAfterMs: config.unresponsiveAfterMs,
      onUnresponsive: (node, silentForMs) => this.events.emit('node-unresponsive', { node, silentForMs }),
    });
    this.driver = createWireNode({
      node: DRIVER_NODE, clusterNodes: nodes, incarnation: 0, seed, trueNow: this.trueNow, link: network.driverLink,
      clock: new NodeClock(this.trueNow, seed, DRIVER_NODE, undefined),
      auth: config.auth,
      authScope: { cluster: '', run: this.authRun },
      // The workers' windows toward the driver are sized from the same bound as theirs toward each other.
      ...(config.mailboxCapacity === undefined ? {} : { mailboxCapacity: config.mailboxCapacity }),
      stamping: driverStamping(config.stamping),
      emit: (event) => this.events.emit('node-event', { ...event, at: DRIVER_NODE }),
      log: (record) => this.events.emit('log', record),
      fatal: () => {},
    });
  }

  now(): number {
    return this.trueNow();
  }

  async spawn<M, P>(node: NodeId | string, name: string, definition: ActorDefinition<M, P>, props: P): Promise<Address> {
    if (!isActorDefinition(definition)) throw new ConfigError('definition', definition, 'must be made by defineActor');
    const proc = this.proc(node);
    const result = await proc.call<ControlResult<Address>>(`spawn '${name}'`, (c) => c.spawn(name, definition.kind, props))
      .catch(cloneFailure('props', props));
    if (!result.ok && result.error.code === 'unknown-kind') throw new UnknownKindError(definition.kind, this.config.modules);
    const address = unwrapResult(result);
    proc.boot.push({ name, kind: definition.kind, props });
    return address;
  }

  tell(to: Address, message: unknown): void {
    this.driverHost().tell(driverAddress, to, message);
  }

  ask<R = unknown>(to: Address, message: unknown, options?: AskOptions): Promise<AskOutcome<R>> {
    return this.driverHost().ask<R>(driverAddress, to, message, options);
  }

  /** Resolves after `ms` of real time (any length); NaN or a negative `ms` is a ConfigError, as in the simulator. */
  sleep(ms: number): Promise<void> {
    requireNumber('sleep(ms)', ms, 0);
    return new Promise((resolve) => setLongTimeout(resolve, ms));
  }

  crash(node: NodeId | string): Promise<void> {
    const proc = this.proc(node);
    return this.serial(async () => {
      if (!proc.isUp) return;
      await proc.kill();
      this.down(proc.id, 'crashed');
    });
  }

  restart(node: NodeId | string): Promise<void> {
    const proc = this.proc(node);
    return this.serial(async () => {
      if (proc.isUp) await proc.kill();
      const { peers, handovers } = rewireNode(proc, this.driver.mesh, this.procs.values());
      await Promise.all([proc.start(this.sharedInit(peers), this.launch, this.config.startTimeoutMs), ...handovers]);
      this.driver.host.peerUp(proc.id);
      this.events.emit('node-up', { node: proc.id, incarnation: proc.incarnation });
    });
  }

  async pause(node: NodeId | string): Promise<void> {
    const proc = this.proc(node);
    if (proc.isUp) await proc.call('pause', (c) => c.pause());
    this.events.emit('node-paused', { node: proc.id, paused: true });
  }

  async resume(node: NodeId | string): Promise<void> {
    const proc = this.proc(node);
    if (proc.isUp) await proc.call('resume', (c) => c.resume());
    this.events.emit('node-paused', { node: proc.id, paused: false });
  }

  isUp(node: NodeId | string): boolean {
    return this.proc(node).isUp;
  }

  snapshot(node: NodeId | string): Promise<NodeSnapshot> {
    return this.proc(node).call('take a snapshot', (c) => c.snapshot());
  }

  /**
   * Messages per node and per link, gathered from every running worker and the driver: each
   * counts what it sent and dropped and what it received. A crashed node's counts are lost with it.
   */
  async messageStats(): Promise<MessageStats> {
    const up = [...this.procs.values()].filter((p) => p.isUp);
    const parts = await Promise.all(up.map((p) => p.call('read message stats', (c) => c.messageStats())));
    return mergeMessageStats([this.driver.mesh.tally.snapshot(), ...parts]);
  }

  /** The wire counters of a node (or of the driver, `'driver'`). */
  async wireStats(node: NodeId | string): Promise<WireStats> {
    if (node === DRIVER_NODE) return { ...this.driver.mesh.stats };
    return this.proc(node).call('read wire stats', (c) => c.wireStats());
  }

  /**
   * Sends a serializable update to the link layer of every node and the driver (each applies it to
   * the frames it sends), and replays it to nodes that restart later. Needs a `network` whose layer
   * has `apply(update)`; rejects with the first node's error if a layer refuses the update.
   */
  configureNetwork(update: unknown): Promise<void> {
    const targets = [...this.procs.values()].map((p) => ({
      isUp: p.isUp,
      configureNetwork: (u: unknown) => p.call<ControlResult<void>>('configure its network', (c) => c.configureNetwork(u)),
    }));
    return this.network.configure(update, targets);
  }

  /** Applies a fault to a node's physical clock now (offset, bump, drift, strobe, reset); kept across its restarts. */
  async clockFault(node: NodeId | string, fault: ClockFault): Promise<void> {
    const proc = this.proc(node);
    const at = proc.clock.apply(fault, this.now());
    proc.clockFaults.push({ fault, atTrueMs: at });
    if (proc.isUp) unwrapResult(await proc.call<ControlResult<number>>('apply a clock fault', (c) => c.clockFault(fault, at)));
  }

  /** What a node's clock reads now (its `ctx.now()`), next to the true time `now()`; works while it is down. */
  clockOf(node: NodeId | string): number {
    return this.proc(node).clock.read();
  }

  /** Posts raw bytes on the driver's link to a node, as one batch off the wire: for tests of malformed input. */
  injectRawBatch(node: NodeId | string, batch: Uint8Array): void {
    if (!this.driver.mesh.postRaw(this.proc(node).id, batch)) throw new NotFoundError(`node ${node} is down; nothing to inject into`);
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.heartbeat.stop();
    try {
      await this.lifecycle.catch(() => {});
      await Promise.allSettled([...this.procs.values()].map((p) => p.stop(this.config.shutdownGraceMs)));
      this.driver.host.shutdown();
      this.driver.mesh.close();
      this.events.removeAllListeners();
    } finally {
      this.storageDir.remove();
    }
  }

  // ---- internals ----

  private async startAll(hooks: StartHooks): Promise<void> {
    const ends = buildFullMesh(this.driver.mesh, this.nodes);
    let ready = 0;
    let readyAtFailure: number | undefined;
    const starts = [...this.procs.values()].map((p) => p.start(this.sharedInit(ends.get(p.id) ?? {}), this.launch, this.config.startTimeoutMs)
      .then(() => { hooks.onNodeStarted?.(p.id, ++ready, this.nodes.length); }, (error: unknown) => { readyAtFailure ??= ready; throw error; }));
    const failed = (await Promise.allSettled(starts)).find((s) => s.status === 'rejected');
    if (!failed) {
      this.heartbeat.start();
      return;
    }
    const error: unknown = failed.reason;
    throw error instanceof WorkerStartError ? error.withReadyCount(readyAtFailure ?? ready, this.nodes.length) : error;
  }

  private sharedInit(peers: PeerPorts): SharedInit {
    return {
      seed: this.seed, clusterNodes: this.nodes, originEpochMs: this.originEpochMs, modules: this.config.modules, stamping: this.config.stamping,
      mailboxCapacity: this.config.mailboxCapacity, auth: this.config.auth, authRun: this.authRun,
      network: this.config.network, networkUpdates: this.network.updates, peers,
    };
  }

  private onReport(node: NodeId, report: WorkerReport): void {
    if (report.t === 'event') this.events.emit('node-event', { ...report.event, at: node });
    else if (report.t === 'log') this.events.emit('log', report.record);
  }

  private down(node: NodeId, reason: string): void {
    this.driver.mesh.disconnect(node);
    this.driver.host.peerDown(node);
    this.events.emit('node-down', { node, reason });
  }

  /** Runs lifecycle changes (crash, restart) one at a time, so channels are never built against a half-started node. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new NotFoundError('the cluster has been shut down'));
    const next = this.lifecycle.then(op, op);
    this.lifecycle = next.catch(() => {});
    return next;
  }

  private proc(node: NodeId | string): NodeProcess {
    const proc = this.procs.get(node as NodeId);
    if (!proc) throw new NotFoundError(`unknown node '${node}'; the cluster has ${this.nodes.join(', ')}`);
    return proc;
  }

  private driverHost(): NodeHost {
    if (this.closed) throw new NotFoundError('the cluster has been shut down');
    return this.driver.host;
  }
}

const driverAddress: Address = { node: DRIVER_NODE, name: 'client' as ActorName };
