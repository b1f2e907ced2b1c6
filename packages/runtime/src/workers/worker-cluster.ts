import { join } from 'node:path';
import { NotFoundError, type NodeId } from '@faultline/core';
import { DRIVER_NODE } from '../cluster.ts';
import { resolveFaults, resolveNodes, resolveSeed } from '../config.ts';
import { FAULT_NETWORK_MODULE, type FaultNetworkOptions } from '@faultline/transport';
import { buildFullMesh, rewireNode, type PeerPorts } from './channels.ts';
import { WorkerStartError } from '../host/errors.ts';
import { NetworkMirrors } from '../control/network-mirrors.ts';
import { NodeProcess, type SharedInit } from './node-process.ts';
import type { WorkerReport } from '../host/protocol.ts';
import { NodeClock } from '../host/node-clock.ts';
import { resolveWorkerConfig, type ResolvedWorkerConfig, type WorkerClusterConfig } from './worker-config.ts';
import { createWireNode, type WireNode } from '../host/wire-node.ts';
import { chooseLaunch, type WorkerLaunch } from './worker-launch.ts';
import { refuseInsideNode } from '../host/node-thread.ts';
import { driverStamping } from '../driver-stamping.ts';
import { Heartbeat } from './heartbeat.ts';
import { StorageDir } from '../host/storage/storage-dir.ts';
import { RealTimeCluster } from '../control/real-time-cluster.ts';

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
export class WorkerCluster extends RealTimeCluster<NodeProcess> {
  readonly runtime = 'workers' as const;
  protected readonly driver: WireNode;
  private readonly config: ResolvedWorkerConfig;
  private readonly storageDir: StorageDir;
  private readonly heartbeat: Heartbeat;
  /** How node workers start: from built JavaScript, or through tsx (see worker-launch.ts). */
  private readonly launch: WorkerLaunch;

  /**
   * Starts every node's worker; resolves when all are ready. Throws WorkerStartError if one cannot start.
   * `hooks.onNodeStarted` is told as each node becomes ready (e.g. to show progress).
   */
  static async start(config: WorkerClusterConfig, hooks: StartHooks = {}): Promise<WorkerCluster> {
    refuseInsideNode('WorkerCluster.start');
    const seed = resolveSeed(config.seed);
    const nodes = resolveNodes(config.nodes);
    const faults = resolveFaults(config.faults, nodes, config.network);
    const resolved = resolveWorkerConfig(faults === undefined ? config : { ...config, network: { module: FAULT_NETWORK_MODULE, export: 'faultNetwork', options: faults } });
    const cluster = new WorkerCluster(seed, nodes, resolved, await NetworkMirrors.load(resolved.network, seed), faults);
    try {
      await cluster.startAll(hooks);
    } catch (error) {
      await cluster.shutdown();
      throw error;
    }
    return cluster;
  }

  private constructor(seed: number, nodes: NodeId[], config: ResolvedWorkerConfig, network: NetworkMirrors, faults: FaultNetworkOptions | undefined) {
    super(seed, nodes, network, config.modules, faults);
    this.config = config;
    this.launch = chooseLaunch(config.modules, config.network);
    const hooks = {
      report: (node: NodeId, report: WorkerReport) => this.forwardReport(node, report),
      died: (node: NodeId, reason: string) => this.down(node, reason),
    };
    // Every node's disk lives in one folder for the cluster's lifetime (removed at shutdown).
    this.storageDir = new StorageDir();
    for (const id of nodes) {
      this.members.set(id, new NodeProcess(id, hooks, { config: config.clockOf(id), trueNow: this.trueNow, seed }, join(this.storageDir.path, `${id}.log`)));
    }
    this.heartbeat = new Heartbeat(() => this.members.values(), {
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
      emit: (event) => this.nodeEvent(event, DRIVER_NODE),
      log: (record) => this.events.emit('log', record),
      fatal: () => {},
    });
  }

  crash(node: NodeId | string): Promise<void> {
    const proc = this.member(node);
    return this.serial(async () => {
      if (!proc.isUp) return;
      await proc.kill();
      this.down(proc.id, 'crashed');
    });
  }

  restart(node: NodeId | string): Promise<void> {
    const proc = this.member(node);
    return this.serial(async () => {
      if (proc.isUp) await proc.kill();
      const { peers, handovers } = rewireNode(proc, this.driver.mesh, this.members.values());
      await Promise.all([proc.start(this.sharedInit(peers), this.launch, this.config.startTimeoutMs), ...handovers]);
      this.driver.host.peerUp(proc.id);
      this.events.emit('node-up', { node: proc.id, incarnation: proc.incarnation });
    });
  }

  /** Posts raw bytes on the driver's link to a node, as one batch off the wire: for tests of malformed input. */
  injectRawBatch(node: NodeId | string, batch: Uint8Array): void {
    if (!this.driver.mesh.postRaw(this.member(node).id, batch)) throw new NotFoundError(`node ${node} is down; nothing to inject into`);
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.heartbeat.stop();
    try {
      await this.settled();
      await Promise.allSettled([...this.members.values()].map((p) => p.stop(this.config.shutdownGraceMs)));
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
    const starts = [...this.members.values()].map((p) => p.start(this.sharedInit(ends.get(p.id) ?? {}), this.launch, this.config.startTimeoutMs)
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

  private down(node: NodeId, reason: string): void {
    this.driver.mesh.disconnect(node);
    this.driver.host.peerDown(node);
    this.events.emit('node-down', { node, reason });
  }
}
