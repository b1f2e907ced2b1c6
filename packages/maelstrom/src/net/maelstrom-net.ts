import { nodeId, type NodeId } from '@faultline/core';
import { DRIVER, type FaultNetwork } from '@faultline/transport';
import type { MaelstromMessage } from '../protocol/message.ts';
import type { Scheduler } from './scheduler.ts';
import { emptyNetStats, type NetStats, type TrafficStats } from './net-stats.ts';
import { parseJsonExact, stringifyJsonExact } from '../protocol/exact-json.ts';

/** Something that can receive messages: a node (process or in-process), a client, a service. */
export interface Endpoint {
  deliver(message: MaelstromMessage): void;
  /** Told of every message sent with this endpoint's id as `src` (its own, or a node's in its name). */
  sentInName?(dest: string): void;
}

/** One message event, for the run's message journal. */
export interface JournalEntry {
  readonly time: number;
  readonly event: 'send' | 'drop' | 'recv';
  readonly message: MaelstromMessage;
  readonly reason?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Maelstrom's `client?` (util.clj): a client id starts with `c`. */
export function isClientId(id: string): boolean {
  return id.startsWith('c');
}

/**
 * The network between Maelstrom ids. Node-to-node messages go through faultline's `FaultNetwork`
 * on the link between the two nodes; services sit on the `driver` end, so they get the base
 * latency and any rule naming the driver, but partitions between nodes leave them alone. Client
 * messages arrive at once, with no latency or fault (as in Maelstrom's net.clj).
 */
export class MaelstromNet {
  readonly stats: NetStats = emptyNetStats();
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly nodeSet: ReadonlySet<string>;

  private readonly scheduler: Scheduler;
  private readonly faults: FaultNetwork;
  readonly nodeIds: readonly string[];
  private readonly journal: ((entry: JournalEntry) => void) | undefined;

  constructor(
    scheduler: Scheduler,
    faults: FaultNetwork,
    nodeIds: readonly string[],
    journal?: (entry: JournalEntry) => void,
  ) {
    this.scheduler = scheduler;
    this.faults = faults;
    this.nodeIds = nodeIds;
    this.journal = journal;
    this.nodeSet = new Set(nodeIds);
  }

  /** Attaches the endpoint that receives messages for `id`. */
  register(id: string, endpoint: Endpoint): void {
    this.endpoints.set(id, endpoint);
  }

  /** True for any id that can receive messages. */
  isKnown(id: string): boolean {
    return this.endpoints.has(id);
  }

  isNode(id: string): boolean {
    return this.nodeSet.has(id);
  }

  /** Sends one message; it arrives zero, one or several times, as the fault layer decides. */
  send(message: MaelstromMessage): void {
    const kind = this.trafficOf(message);
    this.stats.all.sendCount++;
    this.stats.all.msgCount++;
    kind.sendCount++;
    kind.msgCount++;
    this.journal?.({ time: this.scheduler.now(), event: 'send', message });
    this.endpoints.get(message.src)?.sentInName?.(message.dest);
    const from: NodeId = this.isNode(message.src) ? nodeId(message.src) : DRIVER;
    const to: NodeId = this.isNode(message.dest) ? nodeId(message.dest) : DRIVER;
    let bytes: Uint8Array | undefined;
    const packet = { from, to, get bytes() { return (bytes ??= encoder.encode(stringifyJsonExact(message))); } };
    // Maelstrom's net.clj `latency-for`: a message that involves a client (an id starting with
    // `c`, util.clj `involves-client?`) has zero latency, "as if colocated with nodes".
    const direct = from === to || isClientId(message.src) || isClientId(message.dest);
    const decision = direct ? { deliveries: [{ delayMs: 0 }] } : this.faults.route(packet, this.scheduler.now());
    if (decision.deliveries.length === 0) {
      this.stats.dropped++;
      this.journal?.({ time: this.scheduler.now(), event: 'drop', message, reason: decision.dropReason ?? 'dropped' });
      return;
    }
    for (const d of decision.deliveries) {
      this.scheduler.after(d.delayMs, () => this.arrive(message, d.bytes));
    }
  }

  /** Maelstrom's split (net/journal.clj `clients` / `servers`): with a client, or not. */
  private trafficOf(message: MaelstromMessage): TrafficStats {
    return isClientId(message.src) || isClientId(message.dest) ? this.stats.clients : this.stats.servers;
  }

  private arrive(message: MaelstromMessage, altered: Uint8Array | undefined): void {
    let copy: MaelstromMessage;
    if (altered === undefined) copy = structuredClone(message);
    else {
      try {
        copy = parseJsonExact(decoder.decode(altered)) as MaelstromMessage;
      } catch {
        this.stats.malformed++;
        return;
      }
    }
    const endpoint = this.endpoints.get(message.dest);
    if (!endpoint) return;
    this.stats.all.recvCount++;
    this.trafficOf(message).recvCount++;
    this.journal?.({ time: this.scheduler.now(), event: 'recv', message: copy });
    endpoint.deliver(copy);
  }
}
