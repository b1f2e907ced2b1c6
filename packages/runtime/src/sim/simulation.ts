import EventEmitter from 'eventemitter3';
import {
  applyClockFault, createRng, formatAddress, requireNumber, DecodeError, errorText, NotFoundError, PhysicalClock,
  type ClockConfig, type ClockFault, type StampingConfig,
  type ActorDefinition, type ActorName, type Address, type AskOptions, type AskOutcome, type Envelope,
  type LogRecord, type NodeEvent, type NodeHost, type NodeId, type NodeSnapshot, type Rng,
} from '@faultline/core';
import { cloneEncodable, decodeEnvelope, type LinkLayer } from '@faultline/transport';
import { DRIVER_NODE, type Cluster, type ClusterEvents } from '../cluster.ts';
import { resolveMailboxCapacity, resolveNodes, resolveSeed, type ClusterConfig } from '../config.ts';
import type { MessageTraceEvent } from '../trace.ts';
import { SimTracer } from './sim-tracer.ts';
import { SimNode } from './sim-node.ts';
import { clonedPacket, encodedPacket, withPayload, type SimPacket } from './sim-packet.ts';
import { VirtualScheduler } from './virtual-scheduler.ts';
import { fixedLatency } from './fixed-latency.ts';
import { driverStamping } from '../driver-stamping.ts';

/** Settings of a simulated cluster. */
export interface SimulationConfig extends ClusterConfig {
  /** The network model; defaults to a fixed 1 ms latency, no faults. Built from the run's network stream. */
  readonly network?: (rng: Rng) => LinkLayer;
  /** Record every message event (needed for `traceHash` and `trace`). Default false. */
  readonly trace?: boolean;
  /** Called with each message event as it happens (e.g. to write JSONL). */
  readonly onTrace?: (event: MessageTraceEvent) => void;
  /**
   * How messages cross the simulated wire. `clone` (default): checked as encodable and deep-copied,
   * encoded to bytes only when the network needs them (size, corruption). `msgpack`: every message is
   * encoded and decoded exactly as between workers — slower, byte-for-byte faithful.
   */
  readonly wire?: 'clone' | 'msgpack';
  /** Each node's physical clock (offset, drift, NTP-like correction); perfect when absent. */
  readonly clocks?: Readonly<Record<string, ClockConfig>> | ((node: NodeId) => ClockConfig);
  /** Logical clocks stamped on every envelope: Lamport and HLC always, vector clocks on request. */
  readonly stamping?: StampingConfig;
  /** Events at one virtual instant after which the run fails with SimulationStallError (default 1,000,000). */
  readonly stallAfterEvents?: number;
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
  readonly scheduler: VirtualScheduler;
  readonly stats: SimStats = { sent: 0, delivered: 0, dropped: 0, malformed: 0, events: 0 };
  private readonly simNodes = new Map<NodeId, SimNode>();
  private readonly driver: SimNode;
  private readonly network: LinkLayer;
  private readonly tracer: SimTracer;
  private readonly alwaysEncode: boolean;
  private readonly rootRng: Rng;

  constructor(config: SimulationConfig) {
    this.seed = resolveSeed(config.seed);
    this.scheduler = new VirtualScheduler({ seed: this.seed, stallAfterEvents: config.stallAfterEvents === undefined ? undefined : requireNumber('stallAfterEvents', config.stallAfterEvents, 1) });
    this.nodes = resolveNodes(config.nodes);
    this.rootRng = createRng(this.seed);
    this.network = (config.network ?? fixedLatency(1))(this.rootRng.derive('network'));
    this.tracer = new SimTracer(() => this.scheduler.now(), config.trace === true, config.onTrace);
    this.alwaysEncode = config.wire === 'msgpack';
    const wiring = {
      scheduler: this.scheduler,
      clusterNodes: this.nodes,
      rootRng: this.rootRng,
      stamping: config.stamping,
      maxHeld: resolveMailboxCapacity(config.mailboxCapacity),
      transmit: (envelope: Envelope) => this.transmit(envelope),
      emit: (node: NodeId, event: NodeEvent) => this.events.emit('node-event', { ...event, at: node }),
      log: (record: LogRecord) => this.events.emit('log', record),
      fatal: (node: NodeId, error: unknown) => this.down(node, `fatal: ${errorText(error)}`),
    };
    for (const id of this.nodes) {
      const node = new SimNode(id, wiring);
      const clock = typeof config.clocks === 'function' ? config.clocks(id) : config.clocks?.[id];
      if (clock) {
        const random = this.rootRng.derive(`clock:${id}`);
        node.clock = new PhysicalClock(clock, () => random.next());
      }
      this.simNodes.set(id, node);
    }
    this.driver = new SimNode(DRIVER_NODE, { ...wiring, stamping: driverStamping(config.stamping) });
    this.driver.start();
    for (const node of this.simNodes.values()) node.start();
  }

  now(): number {
    return this.scheduler.now();
  }

  /** A hash of every message event so far: equal hashes mean identical runs. Needs `trace: true`. */
  traceHash(): string {
    return this.tracer.digest();
  }

  /** Applies a fault to a node's physical clock now (offset, bump, drift, strobe, reset). */
  async clockFault(node: NodeId | string, fault: ClockFault): Promise<void> {
    applyClockFault(this.simNode(node).clock, fault, this.scheduler.now());
  }

  /** What a node's clock reads now (its `ctx.now()`), next to the true time `now()`. */
  clockOf(node: NodeId | string): number {
    return this.simNode(node).clock.read(this.scheduler.now());
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
    this.driver.host?.peerUp(sim.id);
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
    const from = envelope.from.node;
    const to = envelope.to.node;
    const packet = this.alwaysEncode ? encodedPacket(envelope) : clonedPacket(envelope);
    this.stats.sent++;
    this.tracer.record('send', envelope);
    if (from === to) {
      this.scheduler.after(0, () => this.arrive(to, packet, undefined, false), formatAddress(envelope.to));
      return;
    }
    const decision = this.network.route(packet, this.scheduler.now());
    if (decision.deliveries.length === 0) {
      this.stats.dropped++;
      this.tracer.record('drop', envelope, decision.dropReason ?? 'dropped');
      return;
    }
    let copy = false;
    for (const d of decision.deliveries) {
      const again = copy;
      this.scheduler.after(d.delayMs, () => this.arrive(to, packet, d.bytes, again), formatAddress(envelope.to));
      copy = true;
    }
  }

  /** Delivers a packet: decodes altered or encoded bytes, else hands over the cloned envelope. */
  private arrive(to: NodeId, packet: SimPacket, altered: Uint8Array | undefined, copyAgain: boolean): void {
    const target = to === DRIVER_NODE ? this.driver : this.simNodes.get(to);
    const host = target?.host;
    if (!host) {
      this.stats.dropped++;
      this.tracer.record('drop', packet.envelope, 'node down');
      return;
    }
    let envelope = packet.envelope;
    const bytes = altered ?? (this.alwaysEncode ? packet.bytes : undefined);
    if (bytes) {
      try {
        envelope = decodeEnvelope(bytes);
      } catch (error) {
        this.stats.malformed++;
        const message = error instanceof DecodeError ? error.message : errorText(error);
        this.tracer.record('drop', packet.envelope, 'malformed');
        this.events.emit('node-event', { type: 'malformed-frame', node: to, error: message, bytes: bytes.length, at: to });
        return;
      }
    } else if (copyAgain) {
      envelope = withPayload(envelope, cloneEncodable(envelope.payload));
    }
    this.stats.delivered++;
    this.tracer.record('deliver', envelope);
    host.deliver(envelope);
  }

  private down(node: NodeId, reason: string): void {
    const sim = this.simNodes.get(node);
    if (!sim?.isUp) return;
    sim.crash();
    this.driver.host?.peerDown(node);
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
