import { MemoryStorage, NodeHost, SimulatedDisk, type DiskModelConfig, type DurableStorage, PhysicalClock, type Envelope, type LogRecord, type NodeEvent, type NodeId, type Rng, type StampingConfig } from '@faultline/core';
import type { BootActor } from '../cluster.ts';
import type { VirtualScheduler } from './virtual-scheduler.ts';
import { cloneEncodable, packValue } from '@faultline/transport';
import type { SimEvent } from '../scheduling/event-queue.ts';
import type { Wire } from './flight.ts';

/** What a simulated node needs from its simulation. */
export interface SimNodeWiring {
  readonly scheduler: VirtualScheduler;
  readonly clusterNodes: readonly NodeId[];
  readonly rootRng: Rng;
  readonly stamping: StampingConfig | undefined;
  /** Deliveries a paused node holds before dropping newer ones (undefined: the default). */
  readonly maxHeld: number | undefined;
  /** The opt-in disk model (undefined: storage is durable when `set` returns). */
  readonly disk?: DiskModelConfig | undefined;
  /** Sends an envelope the host just made (the simulation takes it over); `sender` is the sending node. */
  transmit(envelope: Envelope, sender: SimNode): void;
  emit(node: NodeId, event: NodeEvent): void;
  log(record: LogRecord): void;
  fatal(node: NodeId, error: unknown): void;
}

/** One simulated node across its lifetimes: crash drops the host, restart builds a new one. */
export class SimNode {
  readonly id: NodeId;
  readonly boot: BootActor[] = [];
  host: NodeHost | undefined;
  incarnation = -1;
  /** The node's hardware clock: it survives crashes and restarts, as a real machine's does. */
  private hardwareClock = new PhysicalClock({ offsetMs: 0, driftPpm: 0 });
  /**
   * True while the clock is the perfect default one and no clock fault touched it: it then reads true
   * time exactly, so `ctx.now()` (read twice per message, by the HLC) skips the clock model.
   */
  private perfectClock = true;
  /** The node's disk: survives crashes and restarts (under the disk model, only what was synced). */
  readonly storage: DurableStorage;
  private readonly wiring: SimNodeWiring;
  /** This node's outgoing links of the simulated wire, by receiver (the simulation fills it). */
  readonly wires = new Map<NodeId, Wire>();

  constructor(id: NodeId, wiring: SimNodeWiring) {
    this.id = id;
    this.wiring = wiring;
    this.storage = wiring.disk === undefined
      ? new MemoryStorage(cloneEncodable)
      : new SimulatedDisk(wiring.disk, cloneEncodable, (value) => packValue(value).length, {
        // A sync's continuation (say, the reply after it) runs at the instant it completes.
        after: (ms, fn) => {
          const event = wiring.scheduler.after(ms, () => { fn(); wiring.scheduler.markAsync(); }, id);
          return () => wiring.scheduler.cancel(event);
        },
        rng: wiring.rootRng.derive(`disk-sync:${id}`),
      });
  }

  /** The node's hardware clock. Take it with `faultableClock()` to change it, so reads stop taking the perfect-clock shortcut. */
  get clock(): PhysicalClock {
    return this.hardwareClock;
  }

  /** Replaces the node's clock (a configured one). */
  set clock(clock: PhysicalClock) {
    this.hardwareClock = clock;
    this.perfectClock = false;
  }

  /** The clock, for a fault to change: from now on every read goes through the clock model. */
  faultableClock(): PhysicalClock {
    this.perfectClock = false;
    return this.hardwareClock;
  }

  /** What the node's clock reads at true time `trueMs`. */
  readClock(trueMs: number): number {
    return this.perfectClock ? trueMs : this.hardwareClock.read(trueMs);
  }

  get isUp(): boolean {
    return this.host !== undefined;
  }

  /** Starts a fresh incarnation and its boot actors. */
  start(): NodeHost {
    const w = this.wiring;
    const incarnation = ++this.incarnation;
    const id = this.id;
    const alive = () => this.host !== undefined && this.incarnation === incarnation;
    const host = new NodeHost({
      node: id,
      clusterNodes: w.clusterNodes,
      incarnation,
      ...(w.stamping ? { stamping: w.stamping } : {}),
      ...(w.maxHeld === undefined ? {} : { maxHeld: w.maxHeld }),
      storage: this.storage,
      rng: w.rootRng.derive(`node:${id}#${incarnation}`),
      now: () => this.readClock(w.scheduler.now()),
      // A delay is measured on the node's own clock: at drift d ppm it lasts delay / (1 + d/1e6) of true time.
      // A timer may resolve a promise a handler awaits: its continuation (say, the reply) must run
      // at this virtual instant, before the next event, so microtasks are drained after it.
      setTimer: (delayMs, fn, owner) => w.scheduler.after(this.perfectClock ? delayMs : delayMs / this.hardwareClock.rate, () => {
        if (!alive()) return;
        fn();
        w.scheduler.markAsync();
      }, owner ?? id),
      clearTimer: (timer) => w.scheduler.cancel(timer as SimEvent),
      transmit: (envelope) => w.transmit(envelope, this),
      emit: (event) => w.emit(id, event),
      log: (record) => w.log(record),
      asyncWorkPending: () => w.scheduler.markAsync(),
      fatal: (error) => w.fatal(id, error),
    });
    this.host = host;
    for (const actor of this.boot) host.spawn(actor.name, actor.definition, actor.props);
    return host;
  }

  /** Drops the host without any shutdown: in-memory state is simply gone. */
  crash(diskMode?: DiskModelConfig['onCrash']): void {
    this.host = undefined;
    if (this.storage instanceof SimulatedDisk) this.storage.crash(this.wiring.rootRng.derive(`disk:${this.id}#${this.incarnation}`), diskMode);
  }
}
