import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { privateStorageRoot } from '../workers/storage/private-dir.ts';
import { join } from 'node:path';
import type { NatsConnection, Status } from '@nats-io/transport-node';
import { EventEmitter } from 'eventemitter3';
import {
  ConfigError, isActorDefinition, NotFoundError, requireNumber,
  type ActorDefinition, type ActorName, type Address, type AskOptions, type AskOutcome, type ClockFault, type FrameRejectReason, type NodeHost, type NodeId, type NodeSnapshot,
} from '@faultline/core';
import { DRIVER_NODE, type Cluster, type ClusterEvents } from '../cluster.ts';
import { resolveNodes, resolveSeed } from '../config.ts';
import { UnknownKindError, unwrapResult, type ControlResult } from '../workers/errors.ts';
import type { WireStats } from '../workers/mesh.ts';
import { mergeMessageStats, type MessageStats } from '../stats/message-stats.ts';
import { NetworkMirrors } from '../workers/network-mirrors.ts';
import { clusterTime, epochNow, NodeClock } from '../workers/node-clock.ts';
import type { WorkerReport } from '../workers/protocol.ts';
import { createWireNode, type WireNode } from '../workers/wire-node.ts';
import { refuseInsideNode } from '../workers/node-thread.ts';
import { connectNats, NATS_PASS_ENV } from './nats-connect.ts';
import { NatsPeerPort } from './nats-port.ts';
import { resolveNatsConfig, type NatsClusterConfig, type ResolvedNatsConfig } from './nats-config.ts';
import { NatsMember } from './nats-member.ts';
import { BUILTIN_NETWORK_MODELS } from './module-allow-list.ts';
import type { NatsNodeInit } from './protocol.ts';
import { clusterSubjects, type ClusterSubjects } from './subjects.ts';
import { setLongTimeout } from '../workers/long-timer.ts';

/**
 * A cluster whose nodes are OS processes connected through a NATS server: the third runtime behind
 * `Cluster`. Each node hosts its actors exactly as a worker does; frames travel in per-destination
 * batches on per-node subjects; the control plane is NATS request/reply. The controller (this
 * program) is the driver node, launches the nodes it is told to (and can SIGKILL and restart them),
 * and attaches to nodes started elsewhere with `faultline node`.
 */
export class NatsCluster implements Cluster {
  readonly runtime = 'nats' as const;
  readonly seed: number;
  readonly nodes: readonly NodeId[];
  readonly events = new EventEmitter<ClusterEvents>();
  private readonly config: ResolvedNatsConfig;
  private readonly source: NatsClusterConfig;
  private readonly nc: NatsConnection;
  private readonly subjects: ClusterSubjects;
  private readonly originEpochMs = epochNow();
  private readonly trueNow = clusterTime(this.originEpochMs);
  private readonly members = new Map<NodeId, NatsMember>();
  private readonly driver: WireNode;
  private readonly network: NetworkMirrors;
  private readonly dataDir: string;
  private readonly ownsDataDir: boolean;
  /** This run's nonce in every data seal (with the cluster's name): a batch from another run or cluster is refused. */
  private readonly authRun = new Uint8Array(randomBytes(16));
  private readonly rejectedControl = { replies: 0, reports: 0, reasons: {} as Partial<Record<FrameRejectReason, number>> };
  private lifecycle: Promise<unknown> = Promise.resolve();
  private closed = false;

  /** Connects, launches or finds every node and starts it; throws WorkerStartError if one cannot start. */
  static async start(config: NatsClusterConfig): Promise<NatsCluster> {
    refuseInsideNode('NatsCluster.start');
    const seed = resolveSeed(config.seed);
    const nodes = resolveNodes(config.nodes);
    const resolved = resolveNatsConfig(config, nodes);
    const network = await NetworkMirrors.load(resolved.network, seed);
    const nc = await connectNats(config.nats, `faultline ${resolved.cluster}/controller`, resolved.cluster);
    const cluster = new NatsCluster(seed, nodes, config, resolved, nc, network);
    try {
      await cluster.startAll();
    } catch (error) {
      await cluster.shutdown();
      throw error;
    }
    return cluster;
  }

  private constructor(seed: number, nodes: NodeId[], source: NatsClusterConfig, config: ResolvedNatsConfig, nc: NatsConnection, network: NetworkMirrors) {
    this.seed = seed;
    this.nodes = nodes;
    this.source = source;
    this.config = config;
    this.nc = nc;
    this.network = network;
    this.subjects = clusterSubjects(config.cluster);
    this.ownsDataDir = source.dataDir === undefined;
    this.dataDir = source.dataDir ?? mkdtempSync(join(privateStorageRoot(), 'faultline-nats-'));
    for (const id of nodes) {
      this.members.set(id, new NatsMember({
        id, launched: config.launched(id), nc, subject: this.subjects.control(id), callTimeoutMs: config.callTimeoutMs,
        hooks: { died: (node, reason) => this.down(node, reason), rejected: (node, what, reason, detail, bytes) => this.refused(node, what, reason, detail, bytes) },
        clock: { config: typeof source.clocks === 'function' ? source.clocks(id) : source.clocks?.[id], trueNow: this.trueNow, seed },
        cluster: config.cluster, auth: config.auth,
      }));
    }
    this.driver = createWireNode({
      node: DRIVER_NODE, clusterNodes: nodes, incarnation: 0, seed, trueNow: this.trueNow, link: network.driverLink,
      clock: new NodeClock(this.trueNow, seed, DRIVER_NODE, undefined),
      stamping: source.stamping?.vector ? { vector: true } : undefined,
      auth: config.auth,
      authScope: { cluster: config.cluster, run: this.authRun },
      emit: (event) => this.events.emit('node-event', { ...event, at: DRIVER_NODE }),
      log: (record) => this.events.emit('log', record),
      fatal: () => {},
    });
    for (const id of nodes) this.driver.mesh.connect(id, new NatsPeerPort(nc, this.subjects.data(id)));
    nc.subscribe(this.subjects.data(DRIVER_NODE), { callback: (error, msg) => { if (!error) this.driver.mesh.receive(msg.data); } });
    nc.subscribe(this.subjects.allReports, { callback: (error, msg) => { if (!error) this.onReports(msg.subject, msg.data); } });
  }

  now(): number {
    return this.trueNow();
  }

  /** The controller's NATS connection status (disconnect, reconnect, …), e.g. to watch a server restart. */
  natsStatus(): AsyncIterable<Status> {
    return this.nc.status();
  }

  /**
   * Control replies and node reports refused as unauthentic (keyed clusters): forged on the server,
   * replayed, or sealed for another session; each was dropped and reported as a `frame-rejected` event.
   */
  controlRejections(): { readonly replies: number; readonly reports: number; readonly reasons: Readonly<Partial<Record<FrameRejectReason, number>>> } {
    return { ...this.rejectedControl, reasons: { ...this.rejectedControl.reasons } };
  }

  /** The process id of a launched node's current process (undefined for attached or down nodes). */
  pidOf(node: NodeId | string): number | undefined {
    return this.member(node).pid;
  }

  async spawn<M, P>(node: NodeId | string, name: string, definition: ActorDefinition<M, P>, props: P): Promise<Address> {
    if (!isActorDefinition(definition)) throw new ConfigError('definition', definition, 'must be made by defineActor');
    const member = this.member(node);
    const result = await member.call<ControlResult<Address>>(`spawn '${name}'`, 'spawn', [name, definition.kind, props]);
    if (!result.ok && result.error.code === 'unknown-kind') throw new UnknownKindError(definition.kind, this.config.modules);
    const address = unwrapResult(result);
    member.boot.push({ name, kind: definition.kind, props });
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
    const member = this.member(node);
    return this.serial(async () => {
      if (!member.up) return;
      await member.kill();
      this.events.emit('node-down', { node: member.id, reason: 'crashed' });
    });
  }

  restart(node: NodeId | string): Promise<void> {
    const member = this.member(node);
    return this.serial(async () => {
      if (member.up) await member.kill();
      await this.startMember(member);
      this.events.emit('node-up', { node: member.id, incarnation: member.incarnation });
    });
  }

  async pause(node: NodeId | string): Promise<void> {
    const member = this.member(node);
    if (member.up) await member.call('pause', 'pause');
    this.events.emit('node-paused', { node: member.id, paused: true });
  }

  async resume(node: NodeId | string): Promise<void> {
    const member = this.member(node);
    if (member.up) await member.call('resume', 'resume');
    this.events.emit('node-paused', { node: member.id, paused: false });
  }

  isUp(node: NodeId | string): boolean {
    return this.member(node).up;
  }

  snapshot(node: NodeId | string): Promise<NodeSnapshot> {
    return this.member(node).call('take a snapshot', 'snapshot');
  }

  /**
   * Messages per node and per link, gathered from every running node process and the driver: each
   * counts what it sent and dropped and what it received. A crashed node's counts are lost with it.
   */
  async messageStats(): Promise<MessageStats> {
    const up = [...this.members.values()].filter((m) => m.up);
    const parts = await Promise.all(up.map((m) => m.call<MessageStats>('read message stats', 'messageStats')));
    return mergeMessageStats([this.driver.mesh.tally.snapshot(), ...parts]);
  }

  /** The wire counters of a node (or of the driver, `'driver'`). */
  async wireStats(node: NodeId | string): Promise<WireStats> {
    if (node === DRIVER_NODE) return { ...this.driver.mesh.stats };
    return this.member(node).call('read wire stats', 'wireStats');
  }

  /** Sends a network update to every node's mirror and the driver's, and replays it to nodes that start later. */
  configureNetwork(update: unknown): Promise<void> {
    const targets = [...this.members.values()].map((m) => ({
      isUp: m.up,
      configureNetwork: (u: unknown) => m.call<ControlResult<void>>('configure its network', 'configureNetwork', [u]),
    }));
    return this.network.configure(update, targets);
  }

  /** Applies a fault to a node's physical clock now; kept across its restarts. */
  async clockFault(node: NodeId | string, fault: ClockFault): Promise<void> {
    const member = this.member(node);
    const at = member.clock.apply(fault, this.now());
    member.clockFaults.push({ fault, atTrueMs: at });
    if (member.up) unwrapResult(await member.call<ControlResult<number>>('apply a clock fault', 'clockFault', [fault, at]));
  }

  clockOf(node: NodeId | string): number {
    return this.member(node).clock.read();
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lifecycle.catch(() => {});
    await Promise.all([...this.members.values()].map((m) => m.stop(this.config.shutdownGraceMs)));
    this.driver.host.shutdown();
    this.driver.mesh.close();
    if (!this.nc.isClosed()) await this.nc.close();
    this.events.removeAllListeners();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  // ---- internals ----

  private async startAll(): Promise<void> {
    const starts = [...this.members.values()].map((m) => this.startMember(m));
    const failed = (await Promise.allSettled(starts)).find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Launches (if ours) or finds the node's process, then starts its next incarnation. */
  private async startMember(member: NatsMember): Promise<void> {
    if (member.launched) member.launch(this.launchSpec(member.id));
    const hello = await member.awaitReady(this.config.startTimeoutMs);
    const init: NatsNodeInit = {
      incarnation: Math.max(member.incarnation, hello.incarnation) + 1,
      seed: this.seed, clusterNodes: this.nodes, originEpochMs: this.originEpochMs,
      network: this.config.network, networkUpdates: this.network.updates,
      clock: member.clockConfig, clockFaults: [...member.clockFaults], stamping: this.source.stamping,
      boot: [...member.boot],
      auth: this.config.auth === undefined ? undefined : this.config.auth.tagBytes === undefined ? {} : { tagBytes: this.config.auth.tagBytes },
      authRun: this.authRun,
    };
    await member.init(init);
  }

  /** argv carries no secret: the cluster key and the NATS password go in the child's environment. */
  private launchSpec(node: NodeId): { args: string[]; env: NodeJS.ProcessEnv } {
    const nats = this.source.nats;
    const args = [
      '--nats', [nats.servers].flat().join(','), '--cluster', this.config.cluster, '--node', node,
      '--modules', this.config.modules.join(','), '--data', join(this.dataDir, `${node}.log`),
    ];
    if (this.config.auth === undefined) args.push('--insecure');
    const network = this.config.network;
    if (network !== undefined && !BUILTIN_NETWORK_MODELS.some((m) => m.module === network.module) && !this.config.modules.includes(network.module)) {
      args.push('--network-modules', network.module);
    }
    if (nats.user !== undefined) args.push('--nats-user', nats.user);
    if (nats.nkeySeedFile !== undefined) args.push('--nats-nkey-file', nats.nkeySeedFile);
    if (nats.tls?.caFile !== undefined) args.push('--nats-ca', nats.tls.caFile);
    if (nats.tls?.certFile !== undefined) args.push('--nats-cert', nats.tls.certFile);
    if (nats.tls?.keyFile !== undefined) args.push('--nats-key', nats.tls.keyFile);
    const env: NodeJS.ProcessEnv = { ...process.env, FAULTLINE_QUIET: '1' };
    delete env.FAULTLINE_CLUSTER_KEY_FILE;
    if (this.config.auth !== undefined) env.FAULTLINE_CLUSTER_KEY = Buffer.from(this.config.auth.key).toString('hex');
    else delete env.FAULTLINE_CLUSTER_KEY;
    if (nats.pass !== undefined) env[NATS_PASS_ENV] = nats.pass;
    return { args, env };
  }

  private onReports(subject: string, data: Uint8Array): void {
    const node = subject.slice(subject.lastIndexOf('.') + 1) as NodeId;
    const member = this.members.get(node);
    if (!member) return;
    const reports = member.openReports(data) as WorkerReport[] | undefined;
    if (!Array.isArray(reports)) return;
    for (const report of reports) {
      if (typeof report !== 'object' || report === null) continue;
      if (report.t === 'event') this.events.emit('node-event', { ...report.event, at: node });
      else if (report.t === 'log') this.events.emit('log', report.record);
      else if (report.t === 'fatal') void this.serial(async () => {
        if (!member.up) return;
        await member.kill();
        this.down(node, `fatal: ${report.error}`);
      });
    }
  }

  /** A reply or report that failed its seal: dropped, counted, reported (as the nodes report rejected frames). */
  private refused(node: NodeId, what: 'reply' | 'report', reason: FrameRejectReason, detail: string, bytes: number): void {
    if (what === 'reply') this.rejectedControl.replies++;
    else this.rejectedControl.reports++;
    this.rejectedControl.reasons[reason] = (this.rejectedControl.reasons[reason] ?? 0) + 1;
    this.events.emit('node-event', { type: 'frame-rejected', node: DRIVER_NODE, reason, from: node, detail: `${what} in the name of ${node}: ${detail}`, bytes, at: DRIVER_NODE });
    this.events.emit('log', { level: 'warn', source: DRIVER_NODE, time: this.now(), message: `refused an unauthentic ${what} in the name of ${node} (${reason}): ${detail}` });
  }

  private down(node: NodeId, reason: string): void {
    this.events.emit('node-down', { node, reason });
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new NotFoundError('the cluster has been shut down'));
    const next = this.lifecycle.then(op, op);
    this.lifecycle = next.catch(() => {});
    return next;
  }

  private member(node: NodeId | string): NatsMember {
    const member = this.members.get(node as NodeId);
    if (!member) throw new NotFoundError(`unknown node '${node}'; the cluster has ${this.nodes.join(', ')}`);
    return member;
  }

  private driverHost(): NodeHost {
    if (this.closed) throw new NotFoundError('the cluster has been shut down');
    return this.driver.host;
  }
}

const driverAddress: Address = { node: DRIVER_NODE, name: 'client' as ActorName };
