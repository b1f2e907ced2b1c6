import { NodeHost, type Envelope, type LogRecord, type NodeEvent, type NodeId, type Rng } from '@faultline/core';
import type { BootActor } from '../cluster.ts';
import type { VirtualScheduler } from './virtual-scheduler.ts';
import type { SimEvent } from './event-queue.ts';

/** A node's physical clock as the runtime sees it: true time in, the node's reading out. */
export interface NodeClockReader {
  read(trueNowMs: number): number;
}

/** What a simulated node needs from its simulation. */
export interface SimNodeWiring {
  readonly scheduler: VirtualScheduler;
  readonly clusterNodes: readonly NodeId[];
  readonly rootRng: Rng;
  transmit(envelope: Envelope): void;
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
  clock: NodeClockReader = { read: (t) => t };
  private readonly wiring: SimNodeWiring;

  constructor(id: NodeId, wiring: SimNodeWiring) {
    this.id = id;
    this.wiring = wiring;
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
      rng: w.rootRng.derive(`node:${id}#${incarnation}`),
      now: () => this.clock.read(w.scheduler.now()),
      setTimer: (delayMs, fn) => w.scheduler.after(delayMs, () => {
        if (alive()) fn();
      }),
      clearTimer: (timer) => w.scheduler.cancel(timer as SimEvent),
      transmit: (envelope) => w.transmit(envelope),
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
  crash(): void {
    this.host = undefined;
  }
}
