import { mkdtempSync, rmSync } from 'node:fs';
import { privateStorageRoot } from '../host/storage/private-dir.ts';
import { join } from 'node:path';
import type { NatsConnection, Status } from '@nats-io/transport-node';
import type { FrameRejectReason, NodeId } from '@faultline/core';
import { DRIVER_NODE } from '../cluster.ts';
import { resolveFaults, resolveNodes, resolveSeed } from '../config.ts';
import type { FaultNetworkOptions } from '@faultline/transport';
import { NetworkMirrors } from '../control/network-mirrors.ts';
import { NodeClock } from '../host/node-clock.ts';
import type { WorkerReport } from '../host/protocol.ts';
import { createWireNode, type WireNode } from '../host/wire-node.ts';
import { refuseInsideNode } from '../host/node-thread.ts';
import { connectNats, NATS_PASS_ENV } from './nats-connect.ts';
import { NatsLinks } from './nats-links.ts';
import { resolveNatsConfig, type NatsClusterConfig, type ResolvedNatsConfig } from './nats-config.ts';
import { NatsMember } from './nats-member.ts';
import { BUILTIN_NETWORK_MODELS } from './module-allow-list.ts';
import type { NatsNodeInit } from './protocol.ts';
import { clusterSubjects, type ClusterSubjects } from './subjects.ts';
import { RealTimeCluster } from '../control/real-time-cluster.ts';

/**
 * A cluster whose nodes are OS processes connected through a NATS server: the third runtime behind
 * `Cluster`. Each node hosts its actors exactly as a worker does; frames travel in per-destination
 * batches on per-node subjects; the control plane is NATS request/reply. The controller (this
 * program) is the driver node, launches the nodes it is told to (and can SIGKILL and restart them),
 * and attaches to nodes started elsewhere with `faultline node`.
 */
export class NatsCluster extends RealTimeCluster<NatsMember> {
  readonly runtime = 'nats' as const;
  protected readonly driver: WireNode;
  private readonly config: ResolvedNatsConfig;
  private readonly source: NatsClusterConfig;
  private readonly nc: NatsConnection;
  private readonly subjects: ClusterSubjects;
  /** The driver's links to the nodes (data and credit subscriptions). */
  private readonly links: NatsLinks;
  private readonly dataDir: string;
  private readonly ownsDataDir: boolean;
  private readonly rejectedControl = { replies: 0, reports: 0, reasons: {} as Partial<Record<FrameRejectReason, number>> };

  /** Connects, launches or finds every node and starts it; throws WorkerStartError if one cannot start. */
  static async start(config: NatsClusterConfig): Promise<NatsCluster> {
    refuseInsideNode('NatsCluster.start');
    const seed = resolveSeed(config.seed);
    const nodes = resolveNodes(config.nodes);
    const faults = resolveFaults(config.faults, nodes, config.network);
    // Nodes resolve faultline's fault network by package name, so machines load it alike (and it is on every node's allow-list).
    const resolved = resolveNatsConfig(faults === undefined ? config : { ...config, network: { module: '@faultline/transport', export: 'faultNetwork', options: faults } }, nodes);
    const network = await NetworkMirrors.load(resolved.network, seed);
    const nc = await connectNats(config.nats, `faultline ${resolved.cluster}/controller`, resolved.cluster);
    const cluster = new NatsCluster(seed, nodes, config, resolved, nc, network, faults);
    try {
      await cluster.startAll();
    } catch (error) {
      await cluster.shutdown();
      throw error;
    }
    return cluster;
  }

  private constructor(seed: number, nodes: NodeId[], source: NatsClusterConfig, config: ResolvedNatsConfig, nc: NatsConnection, network: NetworkMirrors, faults: FaultNetworkOptions | undefined) {
    super(seed, nodes, network, config.modules, faults);
    this.source = source;
    this.config = config;
    this.nc = nc;
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
      emit: (event) => this.nodeEvent(event, DRIVER_NODE),
      log: (record) => this.events.emit('log', record),
      fatal: () => {},
    });
    // The driver is incarnation 0 for ever: it never restarts.
    this.links = new NatsLinks(nc, this.subjects, DRIVER_NODE, 0, this.driver.mesh, nodes);
    nc.subscribe(this.subjects.allReports, { callback: (error, msg) => { if (!error) this.onReports(msg.subject, msg.data); } });
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

  crash(node: NodeId | string): Promise<void> {
    const member = this.member(node);
    return this.serial(async () => {
      if (!member.isUp) return;
      await member.kill();
      this.events.emit('node-down', { node: member.id, reason: 'crashed' });
    });
  }

  restart(node: NodeId | string): Promise<void> {
    const member = this.member(node);
    return this.serial(async () => {
      if (member.isUp) await member.kill();
      await this.startMember(member);
      this.events.emit('node-up', { node: member.id, incarnation: member.incarnation });
    });
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settled();
    await Promise.all([...this.members.values()].map((m) => m.stop(this.config.shutdownGraceMs)));
    this.driver.host.shutdown();
    this.links.close();
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
      if (report.t === 'fatal') void this.serial(async () => {
        if (!member.isUp) return;
        await member.kill();
        this.down(node, `fatal: ${report.error}`);
      });
      else this.forwardReport(node, report);
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
}
