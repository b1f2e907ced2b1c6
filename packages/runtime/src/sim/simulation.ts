import EventEmitter from 'eventemitter3';
import {
  createRng, DecodeError, errorText, formatAddress, NotFoundError,
  type ActorDefinition, type ActorName, type Address, type AskOptions, type AskOutcome, type Envelope,
  type LogRecord, type NodeEvent, type NodeHost, type NodeId, type NodeSnapshot, type Rng,
} from '@faultline/core';
import { decodeEnvelope, encodeEnvelope, type LinkLayer } from '@faultline/transport';
import { DRIVER_NODE, type Cluster, type ClusterEvents } from '../cluster.ts';
import { resolveNodes, resolveSeed, type ClusterConfig } from '../config.ts';
import { TraceHash, traceLine, type MessageTraceEvent } from '../trace.ts';
import { SimNode, type NodeClockReader } from './sim-node.ts';
import { VirtualScheduler } from './virtual-scheduler.ts';
import { fixedLatency } from './fixed-latency.ts';

/** Settings of a simulated cluster. */
export interface SimulationConfig extends ClusterConfig {
  /** The network model; defaults to a fixed 1 ms latency, no faults. Built from the run's network stream. */
  readonly network?: (rng: Rng) => LinkLayer;
  /** Record every message event (needed for `traceHash` and `trace`). Default false. */
  readonly trace?: boolean;
  /** Called with each message event as it happens (e.g. to write JSONL). */
  readonly onTrace?: (event: MessageTraceEvent) => void;
}

/** Counters of the simulated network. */
export interface SimStats {
  sent: number;
  delivered: number;
  dropped: number;
  malformed: number;
  events: number;
}

/**
 * A whole cluster in one thread and virtual time: one event queue ordered by (time, seq),
 * one seed. The same seed and the same program give the same message trace.
 */
export class Simulation implements Cluster {
  readonly runtime = 'sim' as const;
  readonly seed: number;
  readonly nodes: readonly NodeId[];
  readonly events = new EventEmitter<ClusterEvents>();
  readonly scheduler = new VirtualScheduler();
  readonly stats: SimStats = { sent: 0, delivered: 0, dropped: 0, malformed: 0, events: 0 };
  private readonly simNodes = new Map<NodeId, SimNode>();
  private readonly driver: SimNode;
  private readonly network: LinkLayer;
  private readonly tracing: boolean;
  private readonly onTrace: ((event: MessageTraceEvent) => void) | undefined;
  private readonly hash = new TraceHash();
  private readonly rootRng: Rng;

  constructor(config: SimulationConfig) {
    this.seed = resolveSeed(config.seed);
    this.nodes = resolveNodes(config.nodes);
    this.rootRng = createRng(this.seed);
    this.network = (config.network ?? fixedLatency(1))(this.rootRng.derive('network'));
    this.tracing = config.trace === true || config.onTrace !== undefined;
    this.onTrace = config.onTrace;
    const wiring = {
      scheduler: this.scheduler,
      clusterNodes: this.nodes,
      rootRng: this.rootRng,
      transmit: (envelope: Envelope) => this.transmit(envelope),
      emit: (node: NodeId, event: NodeEvent) => this.events.emit('node-event', { ...event, at: node }),
      log: (record: LogRecord) => this.events.emit('log', record),
      fatal: (node: NodeId, error: unknown) => this.down(node, `fatal: ${errorText(error)}`),
    };
    for (const id of this.nodes) this.simNodes.set(id, new SimNode(id, wiring));
    this.driver = new SimNode(DRIVER_NODE, wiring);
    this.driver.start();
    for (const node of this.simNodes.values()) node.start();
  }

  now(): number {
    return this.scheduler.now();
  }

  /** A hash of every message event so far: equal hashes mean identical runs. Needs `trace: true`. */
  traceHash(): string {
    return this.hash.digest();
  }

  /** Sets how a node's clock reads the true time (used by the clocks layer). */
  setClock(node: NodeId | string, clock: NodeClockReader): void {
    this.simNode(node).clock = clock;
  }

  /** The live host of a node, for white-box tests and tools. */
  hostOf(node: NodeId | string): NodeHost | undefined {
    return this.simNode(node).host;
  }

  async spawn<M, P>(node: NodeId | string, name: string, definition: ActorDefinition<M, P>, props: P): Promise<Address> {
    const sim = this.simNode(node);
    const host = sim.host;
    if (!host) throw new NotFoundError(`node ${node} is down; restart it before spawning on it`);
    const address = host.spawn(name, definition, props);
    sim.boot.push({ name, definition: definition as ActorDefinition<unknown, unknown>, props });
    return address;
  }

  tell(to: Address, message: unknown): void {
    this.driverHost().tell(driverAddress, to, message);
  }

  ask<R = unknown>(to: Address, message: unknown, options?: AskOptions): Promise<AskOutcome<R>> {
    return this.scheduler.until(this.driverHost().ask<R>(driverAddress, to, message, options));
  }

  sleep(ms: number): Promise<void> {
    return this.scheduler.sleep(ms);
  }

  async crash(node: NodeId | string): Promise<void> {
    const sim = this.simNode(node);
    if (!sim.isUp) return;
    this.down(sim.id, 'crashed');
  }

  async restart(node: NodeId | string): Promise<void> {
    const sim = this.simNode(node);
    if (sim.isUp) sim.crash();
    sim.start();
    this.events.emit('node-up', { node: sim.id, incarnation: sim.incarnation });
  }

  async pause(node: NodeId | string): Promise<void> {
    this.simNode(node).host?.pause();
    this.events.emit('node-paused', { node: this.simNode(node).id, paused: true });
  }

  async resume(node: NodeId | string): Promise<void> {
    this.simNode(node).host?.resume();
    this.events.emit('node-paused', { node: this.simNode(node).id, paused: false });
  }

  isUp(node: NodeId | string): boolean {
    return this.simNode(node).isUp;
  }

  async snapshot(node: NodeId | string): Promise<NodeSnapshot> {
    const host = this.simNode(node).host;
    if (!host) throw new NotFoundError(`node ${node} is down`);
    return host.snapshot();
  }

  async shutdown(): Promise<void> {
    for (const sim of this.simNodes.values()) sim.host?.shutdown();
    this.driver.host?.shutdown();
    this.events.removeAllListeners();
  }

  // ---- the wire ----

  private transmit(envelope: Envelope): void {
    const bytes = encodeEnvelope(envelope);
    const from = envelope.from.node;
    const to = envelope.to.node;
    this.stats.sent++;
    this.record('send', envelope, bytes.length);
    if (from === to) {
      this.scheduler.after(0, () => this.arrive(to, bytes, envelope));
      return;
    }
    const decision = this.network.route({ from, to, bytes }, this.scheduler.now());
    if (decision.deliveries.length === 0) {
      this.stats.dropped++;
      this.record('drop', envelope, bytes.length, decision.dropReason ?? 'dropped');
      return;
    }
    for (const d of decision.deliveries) this.scheduler.after(d.delayMs, () => this.arrive(to, d.bytes, envelope));
  }

  private arrive(to: NodeId, bytes: Uint8Array, sent: Envelope): void {
    const target = to === DRIVER_NODE ? this.driver : this.simNodes.get(to);
    const host = target?.host;
    if (!host) {
      this.stats.dropped++;
      this.record('drop', sent, bytes.length, 'node down');
      return;
    }
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(bytes);
    } catch (error) {
      this.stats.malformed++;
      const message = error instanceof DecodeError ? error.message : errorText(error);
      this.record('drop', sent, bytes.length, 'malformed');
      this.events.emit('node-event', { type: 'malformed-frame', node: to, error: message, bytes: bytes.length, at: to });
      return;
    }
    this.stats.delivered++;
    this.record('deliver', envelope, bytes.length);
    host.deliver(envelope);
  }

  private record(ev: MessageTraceEvent['ev'], envelope: Envelope, bytes: number, reason?: string): void {
    if (!this.tracing) return;
    const event: MessageTraceEvent = {
      t: this.scheduler.now(), ev, from: envelope.from.node, to: envelope.to.node,
      src: formatAddress(envelope.from), dst: formatAddress(envelope.to), kind: envelope.kind, id: envelope.id, bytes,
      ...(reason === undefined ? {} : { reason }),
    };
    this.hash.update(traceLine(event));
    this.onTrace?.(event);
  }

  private down(node: NodeId, reason: string): void {
    const sim = this.simNodes.get(node);
    if (!sim?.isUp) return;
    sim.crash();
    this.events.emit('node-down', { node, reason });
  }

  private simNode(node: NodeId | string): SimNode {
    const sim = this.simNodes.get(node as NodeId);
    if (!sim) throw new NotFoundError(`unknown node '${node}'; the cluster has ${this.nodes.join(', ')}`);
    return sim;
  }

  private driverHost(): NodeHost {
    const host = this.driver.host;
    if (!host) throw new NotFoundError('the simulation has been shut down');
    return host;
  }
}

const driverAddress: Address = { node: DRIVER_NODE, name: 'client' as ActorName };
