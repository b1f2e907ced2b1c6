import { EventEmitter } from 'eventemitter3';
import {
  applyClockFault, ConfigError, createRng, formatAddress, requireNumber, DecodeError, errorText, NotFoundError, PhysicalClock,
  type ClockConfig, type ClockFault, type StampingConfig,
  type ActorDefinition, type ActorName, type Address, type AskOptions, type AskOutcome, type Envelope,
  type LogRecord, type NodeEvent, type NodeHost, type NodeId, type NodeSnapshot, type Rng,
} from '@faultline/core';
import { cloneEncodable, decodeEnvelope, encodeEnvelope, FaultNetwork, FrameAuth, receiveUnit, type CountersSnapshot, type Delivery, type FaultTarget, type FrameAuthOptions, type LinkLayer } from '@faultline/transport';
import type { FrameRejectReason } from '@faultline/core';
import { SimulatedDisk, type DiskFault, type DiskModelConfig } from '@faultline/core';
import { DRIVER_NODE, type Cluster, type ClusterEvents } from '../cluster.ts';
import { resolveFaults, resolveMailboxCapacity, resolveNodes, resolveSeed, type ClusterConfig } from '../config.ts';
import { clusterFaultTarget, noCounters } from '../faults/cluster-faults.ts';
import type { MessageTraceEvent } from '../trace.ts';
import { SimTracer } from './sim-tracer.ts';
import { SimNode } from './sim-node.ts';
import { Flight, type Wire } from './flight.ts';
import { VirtualScheduler } from './virtual-scheduler.ts';
import type { SubjectEvent } from '../scheduling/event-queue.ts';
import { fixedLatency } from './fixed-latency.ts';
import { LinkTally, type MessageStats } from '../stats/message-stats.ts';
import { refuseInsideNode } from '../host/node-thread.ts';
import { driverStamping } from '../driver-stamping.ts';

/** An actor's state right after it handled a message (`SimulationConfig.onState`). */
export interface ActorStateEvent {
  /** Virtual time, as the trace's. */
  readonly t: number;
  readonly node: string;
  /** `name@node`. */
  readonly actor: string;
  /** What its `inspect()` returned. */
  readonly state: unknown;
}

/** Settings of a simulated cluster. */
export interface SimulationConfig extends ClusterConfig {
  /** The network model; defaults to a fixed 1 ms latency, no faults. Built from the run's network stream. */
  readonly network?: (rng: Rng) => LinkLayer;
  /** Record every message event (needed for `traceHash` and `trace`). Default false. */
  readonly trace?: boolean;
  /** Called with each message event as it happens (e.g. to write JSONL), and the envelope it is about (payload, stamps). */
  readonly onTrace?: (event: MessageTraceEvent, envelope: Envelope) => void;
  /**
   * Called after each message an actor handled, with that actor's `inspect()` view (actors
   * without `inspect` are skipped): the state once the handler's synchronous part ran.
   */
  readonly onState?: (event: ActorStateEvent) => void;
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
  /**
   * Frame auth: every frame between two nodes carries a keyed MAC (HMAC-SHA256, truncated) over its
   * bytes, checked on arrival before decoding; a bad or missing one is dropped, counted (`rejected`)
   * and reported (`frame-rejected`). Off when absent. Encodes every remote frame, as `wire: 'msgpack'`.
   */
  readonly auth?: FrameAuthOptions;
  /** Events at one virtual instant after which the run fails with SimulationStallError (default 1,000,000). */
  readonly stallAfterEvents?: number;
  /** The opt-in disk model: storage writes pending until `ctx.storage.sync()`, lost or torn by a crash. Off (durable when `set` returns) when absent. */
  readonly disk?: DiskModelConfig;
}

/** Counters of the simulated network, in all; `messageStats()` has them per node and per link. */
export interface SimStats {
  sent: number;
  delivered: number;
  dropped: number;
  malformed: number;
  /** Frames refused by frame auth (bad or missing MAC, unknown sender) before decoding. */
  rejected: number;
  /** Events the scheduler has run: deliveries, timers, sleeps. */
  readonly events: number;
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
  readonly stats: SimStats;
  readonly faults: FaultNetwork | undefined;
  private readonly tally = new LinkTally();
  /** Links from senders outside the cluster's nodes (the sending node's own links live on its SimNode). */
  private readonly foreignWires = new Map<NodeId, Map<NodeId, Wire>>();
  /** What every flight's event runs when its time comes (the event is `this`): one function for the whole run. */
  private readonly land: (this: SubjectEvent<Flight>) => void;
  private readonly simNodes = new Map<NodeId, SimNode>();
  private readonly driver: SimNode;
  private readonly network: LinkLayer;
  /** True when the network has the `routeOnce` fast path. */
  private readonly routesOnce: boolean;
  private readonly tracer: SimTracer;
  private readonly onState: ((event: ActorStateEvent) => void) | undefined;
  private readonly alwaysEncode: boolean;
  private readonly rootRng: Rng;
  /** Disk faults injected so far: each draws from its own derived stream. */
  private diskFaults = 0;
  private readonly auth: FrameAuth | undefined;

  constructor(config: SimulationConfig) {
    refuseInsideNode('new Simulation');
    this.seed = resolveSeed(config.seed);
    this.scheduler = new VirtualScheduler({ seed: this.seed, stallAfterEvents: config.stallAfterEvents === undefined ? undefined : requireNumber('stallAfterEvents', config.stallAfterEvents, 1) });
    const scheduler = this.scheduler;
    this.stats = { sent: 0, delivered: 0, dropped: 0, malformed: 0, rejected: 0, get events() { return scheduler.eventsRun; } };
    this.nodes = resolveNodes(config.nodes);
    this.rootRng = createRng(this.seed);
    const faults = resolveFaults(config.faults, this.nodes, config.network);
    this.faults = faults === undefined ? undefined : new FaultNetwork(faults);
    this.network = this.faults ? this.faults.attach(this.rootRng.derive('network')) : (config.network ?? fixedLatency(1))(this.rootRng.derive('network'));
    this.routesOnce = this.network.routeOnce !== undefined;
    this.tracer = new SimTracer(() => this.scheduler.now(), config.trace === true, config.onTrace);
    this.onState = config.onState;
    this.alwaysEncode = config.wire === 'msgpack';
    const sim = this;
    this.land = function land(this: SubjectEvent<Flight>) {
      sim.arrive(this.subject);
    };
    // The run's nonce comes from the seed, so a seeded run replays; a frame sealed in another run is refused.
    const runRng = this.rootRng.derive('auth-run');
    this.auth = config.auth === undefined ? undefined
      : new FrameAuth(config.auth, [...this.nodes, DRIVER_NODE], { cluster: 'sim', run: Uint8Array.from({ length: 16 }, () => runRng.int(256)), incarnation: 0 });
    const wiring = {
      scheduler: this.scheduler,
      clusterNodes: this.nodes,
      rootRng: this.rootRng,
      stamping: config.stamping,
      maxHeld: resolveMailboxCapacity(config.mailboxCapacity),
      disk: config.disk,
      transmit: (envelope: Envelope, sender: SimNode) => this.transmit(envelope, sender),
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
    applyClockFault(this.simNode(node).faultableClock(), fault, this.scheduler.now());
  }

  /** What a node's clock reads now (its `ctx.now()`), next to the true time `now()`. */
  clockOf(node: NodeId | string): number {
    return this.simNode(node).readClock(this.scheduler.now());
  }

  /** The live host of a node, for white-box tests and tools. */
  hostOf(node: NodeId | string): NodeHost | undefined {
    return this.simNode(node).host;
  }

  async spawn<M, P, R = unknown>(node: NodeId | string, name: string, definition: ActorDefinition<M, P, R>, props: P): Promise<Address<M, R>> {
    const sim = this.simNode(node);
    const host = sim.host;
    if (!host) throw new NotFoundError(`node ${node} is down; restart it before spawning on it`);
    const address = host.spawn(name, definition, props);
    sim.boot.push({ name, definition: definition as ActorDefinition<unknown, unknown>, props });
    return address;
  }

  tell<M = unknown>(to: Address<M, unknown>, message: NoInfer<M>): void {
    this.driverHost().tell(driverAddress, to, message);
  }

  ask<R = unknown, M = unknown>(to: Address<M, R>, message: NoInfer<M>, options?: AskOptions): Promise<AskOutcome<R>> {
    return this.scheduler.until(this.driverHost().ask<R>(driverAddress, to, message, options));
  }

  sleep(ms: number): Promise<void> {
    requireNumber('sleep(ms)', ms, 0); // as ctx.sleep and ask: NaN never means "now"
    return this.scheduler.sleep(ms);
  }

  async crash(node: NodeId | string): Promise<void> {
    const sim = this.simNode(node);
    if (!sim.isUp) return;
    this.down(sim.id, 'crashed');
  }

  /**
   * Injects a disk fault (the nemesis `disk-fault` action): `corrupt` destroys one synced record,
   * chosen from the seed; `lose-unsynced` crashes the node, losing every unsynced write; `slow`
   * makes its syncs take the slow latency until `fast`. Needs the disk model (`disk` in the config):
   * ConfigError otherwise.
   */
  async diskFault(node: NodeId | string, fault: DiskFault): Promise<void> {
    const sim = this.simNode(node);
    const disk = this.disk(sim.id);
    if (disk === undefined) throw new ConfigError('disk', undefined, `must be set in the Simulation config for disk faults (node ${sim.id} has durable-on-set storage)`);
    if (fault === 'corrupt') disk.corrupt(this.rootRng.derive(`disk-fault:${sim.id}#${++this.diskFaults}`));
    else if (fault === 'slow' || fault === 'fast') disk.setSlow(fault === 'slow');
    else this.down(sim.id, 'crashed (disk fault: unsynced writes lost)', 'lose-unsynced');
  }

  /** What the network model did so far, per directed link and in total (all zero when it does not count). */
  async networkCounters(): Promise<CountersSnapshot> {
    return this.network.counterSnapshot?.() ?? noCounters();
  }

  /** The simulator's one network routes every frame: a change holds from the next frame on. */
  settleNetwork(): Promise<void> {
    return Promise.resolve();
  }

  /** What a `Nemesis` drives here: nodes, the fault network, node, clock and disk faults. Needs `faults`. */
  faultTarget(): FaultTarget {
    return clusterFaultTarget(this, this.faults, (node, fault) => this.clockFault(node, fault), (node, fault) => this.diskFault(node, fault));
  }

  /** A node's simulated disk under the disk model (for its stats and disk-fault actions); undefined without it. */
  disk(node: NodeId | string): SimulatedDisk | undefined {
    const storage = this.simNode(node).storage;
    return storage instanceof SimulatedDisk ? storage : undefined;
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

  /**
   * Puts raw bytes on the wire to `node`, as a host on the network that is no node of the cluster
   * would: a plain frame, or a sealed one (see `FrameAuth.seal`). They arrive after `delayMs` and
   * face what any frame faces: frame auth when it is on, then decoding. For security scenarios.
   */
  /**
   * The sealed bytes node `from` would put on the wire to `to` for frame `bytes` (auth on): what a
   * tap on that link captures, for replay scenarios. Each call takes the link's next number.
   */
  wireFrame(from: NodeId | string, to: NodeId | string, bytes: Uint8Array): Uint8Array {
    if (this.auth === undefined) return bytes.slice();
    return this.auth.seal(from, to, bytes);
  }

  injectFrame(node: NodeId | string, bytes: Uint8Array, delayMs = 0): void {
    const to = this.simNode(node).id;
    const copy = bytes.slice();
    this.scheduler.after(delayMs, () => this.arriveForeign(to, copy));
  }

  /** Messages sent, delivered and dropped per node and per directed link since the start. */
  messageStats(): Promise<MessageStats> {
    return Promise.resolve(this.tally.snapshot());
  }

  async shutdown(): Promise<void> {
    for (const sim of this.simNodes.values()) sim.host?.shutdown();
    this.driver.host?.shutdown();
    this.events.removeAllListeners();
  }

  // ---- the wire ----

  /**
   * Puts an envelope on the wire: checks and copies its payload (or encodes it, `wire: 'msgpack'`),
   * counts it, asks the network model for its fate and queues one flight per copy that arrives.
   * The envelope is the sending host's own fresh record, handed over: its payload is replaced by the
   * copy in place. `sender` is the node whose host sent it (its links are looked up there, once).
   */
  private transmit(envelope: Envelope, sender: SimNode): void {
    const from = envelope.from.node;
    const to = envelope.to.node;
    // The check and copy (or encoding) come first: an unencodable message throws at the sender, uncounted.
    let encoded: Uint8Array | undefined;
    if (this.alwaysEncode) encoded = encodeEnvelope(envelope);
    else (envelope as { payload: unknown }).payload = cloneEncodable(envelope.payload);
    this.stats.sent++;
    const wire = this.wire(from === sender.id ? sender.wires : this.wiresFrom(from), from, to);
    const link = wire.counts;
    link.sent++;
    if (this.tracer.enabled) this.tracer.record('send', envelope);
    const flight = new Flight(envelope, wire, encoded);
    if (from === to) {
      this.scheduler.afterFor(0, this.land, envelope.to, flight);
      return;
    }
    const now = this.scheduler.now();
    // The commonest fate first (one unchanged copy): no decision object when the network offers it.
    if (this.routesOnce) {
      const delayMs = (this.network as Required<LinkLayer>).routeOnce(flight, now);
      if (delayMs >= 0) {
        if (this.auth !== undefined) flight.tag = this.auth.tag(from, to, flight.bytes);
        this.scheduler.afterFor(delayMs, this.land, envelope.to, flight);
        return;
      }
    }
    const decision = this.network.route(flight, now);
    const deliveries = decision.deliveries;
    if (deliveries.length === 0) {
      this.stats.dropped++;
      link.dropped++;
      if (this.tracer.enabled) this.tracer.record('drop', envelope, decision.dropReason ?? 'dropped');
      return;
    }
    // With frame auth the sender tags the frame's bytes as they leave it; corruption on the way breaks the tag.
    if (this.auth !== undefined) flight.tag = this.auth.tag(from, to, flight.bytes);
    // An indexed loop: every send takes it, and most decisions hold one delivery. Copies after the
    // first get their own payload clone on arrival (duplicates never share objects).
    for (let i = 0; i < deliveries.length; i++) {
      const d = deliveries[i] as Delivery;
      const f = i === 0 ? flight : flight.again();
      f.altered = d.bytes;
      this.scheduler.afterFor(d.delayMs, this.land, envelope.to, f);
    }
  }

  /** The outgoing links of `from` (made on first use); a sending node's own are on its SimNode. */
  private wiresFrom(from: NodeId): Map<NodeId, Wire> {
    const sim = from === DRIVER_NODE ? this.driver : this.simNodes.get(from);
    if (sim !== undefined) return sim.wires;
    let byTo = this.foreignWires.get(from);
    if (byTo === undefined) {
      byTo = new Map();
      this.foreignWires.set(from, byTo);
    }
    return byTo;
  }

  /** The link `from -> to` as deliveries use it: its counters and the receiving node (made on first use). */
  private wire(byTo: Map<NodeId, Wire>, from: NodeId, to: NodeId): Wire {
    let wire = byTo.get(to);
    if (wire === undefined) {
      wire = { to, target: to === DRIVER_NODE ? this.driver : this.simNodes.get(to), counts: this.tally.link(from, to) };
      byTo.set(to, wire);
    }
    return wire;
  }

  /** Delivers a flight: decodes altered or encoded bytes, else hands over the copied envelope. */
  private arrive(flight: Flight): void {
    const wire = flight.wire;
    const to = wire.to;
    const link = wire.counts;
    // The host is read now, not at send: the node may have crashed or restarted in between.
    const host = wire.target?.host;
    if (!host) {
      this.stats.dropped++;
      link.dropped++;
      if (this.tracer.enabled) this.tracer.record('drop', flight.envelope, 'node down');
      return;
    }
    const altered = flight.altered;
    if (this.auth !== undefined && flight.tag !== undefined && !this.auth.verify(flight.from, to, altered ?? flight.bytes, flight.tag)) {
      this.tracer.record('drop', flight.envelope, 'bad-mac');
      link.dropped++;
      this.reject(to, 'bad-mac', flight.from, `the MAC does not match (claimed sender '${flight.from}')`, (altered ?? flight.bytes).length);
      return;
    }
    let envelope = flight.envelope;
    const bytes = altered ?? (this.alwaysEncode ? flight.bytes : undefined);
    if (bytes) {
      try {
        envelope = decodeEnvelope(bytes);
      } catch (error) {
        this.stats.malformed++;
        link.dropped++;
        const message = error instanceof DecodeError ? error.message : errorText(error);
        this.tracer.record('drop', flight.envelope, 'malformed');
        this.events.emit('node-event', { type: 'malformed-frame', node: to, error: message, bytes: bytes.length, at: to });
        return;
      }
    } else if (flight.copy) {
      envelope = withPayload(envelope, cloneEncodable(envelope.payload));
    }
    this.stats.delivered++;
    link.delivered++;
    if (this.tracer.enabled) this.tracer.record('deliver', envelope);
    host.deliver(envelope);
    if (this.onState !== undefined) this.stateAfter(host, envelope);
  }

  /** Tells `onState` what the receiving actor's state is now (tells and asks to an actor with `inspect`). */
  private stateAfter(host: NodeHost, envelope: Envelope): void {
    if (!this.onState || (envelope.kind !== 'tell' && envelope.kind !== 'ask')) return;
    const state = host.inspect(envelope.to.name);
    if (state !== undefined) this.onState({ t: this.scheduler.now(), node: envelope.to.node, actor: formatAddress(envelope.to), state });
  }

  /** Delivers bytes that came from outside the cluster's senders: auth (when on), decode, deliver. */
  private arriveForeign(to: NodeId, bytes: Uint8Array): void {
    const host = (to === DRIVER_NODE ? this.driver : this.simNodes.get(to))?.host;
    if (!host) {
      this.stats.dropped++;
      return;
    }
    const received = receiveUnit(this.auth, bytes, to);
    if (!received.ok) return this.reject(to, received.reason, received.from, received.detail, bytes.length);
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(received.body);
    } catch (error) {
      this.stats.malformed++;
      const message = error instanceof DecodeError ? error.message : errorText(error);
      this.events.emit('node-event', { type: 'malformed-frame', node: to, error: message, bytes: bytes.length, at: to });
      return;
    }
    if (received.from !== undefined && envelope.from.node !== received.from) {
      return this.reject(to, 'sender-mismatch', received.from, `sealed by '${received.from}' but claims to be from '${envelope.from.node}'`, bytes.length);
    }
    this.stats.delivered++;
    this.tracer.record('deliver', envelope);
    host.deliver(envelope);
    this.stateAfter(host, envelope);
  }

  /** Counts and reports a frame frame auth refused; the node goes on. */
  private reject(to: NodeId, reason: FrameRejectReason, from: string | undefined, detail: string, bytes: number): void {
    this.stats.rejected++;
    this.network.countRejected?.(from ?? '?', to, reason);
    this.events.emit('node-event', { type: 'frame-rejected', node: to, reason, from, detail, bytes, at: to });
  }

  private down(node: NodeId, reason: string, diskMode?: DiskModelConfig['onCrash']): void {
    const sim = this.simNodes.get(node);
    if (!sim?.isUp) return;
    sim.crash(diskMode);
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

/** A copy of an envelope with another payload (a duplicate's own copy). */
function withPayload(e: Envelope, payload: unknown): Envelope {
  return e.replyTo === undefined
    ? { from: e.from, to: e.to, kind: e.kind, id: e.id, payload, stamps: e.stamps }
    : { from: e.from, to: e.to, kind: e.kind, id: e.id, replyTo: e.replyTo, payload, stamps: e.stamps };
}
