import type { Address, Envelope, NodeId } from '@faultline/core';
import { encodeEnvelope, type Packet } from '@faultline/transport';
import type { EventOwner, QueuedEvent } from '../scheduling/event-queue.ts';
import type { MessageCounts } from '../stats/message-stats.ts';
import type { SimNode } from './sim-node.ts';

/** One directed link of the simulated wire: where its deliveries go and what they count on. Made once per link. */
export interface Wire {
  readonly to: NodeId;
  /** The receiving node (undefined for a name outside the cluster: every delivery is dropped). */
  readonly target: SimNode | undefined;
  readonly counts: MessageCounts;
}

/**
 * One copy of a message on its way, as one flat record: it is at once the packet the network model
 * routes, the event the scheduler queues and the delivery that runs, so a delivery allocates this
 * and nothing else (no closure, no separate event or packet). Its `run` is the simulation's one
 * landing function, called with the flight as `this`.
 */
export class Flight implements Packet, QueuedEvent {
  time = 0;
  seq = 0;
  run: (() => void) | undefined;
  readonly owner: EventOwner;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly wire: Wire;
  /** What arrives unless `altered` says otherwise; its payload is already the sender-independent copy. */
  readonly envelope: Envelope;
  /** Bytes a network fault changed (corruption): decoded on arrival instead of `envelope`. */
  altered: Uint8Array | undefined = undefined;
  /** A second or later copy of one send: it gets its own payload copy on arrival (copies never share objects). */
  copy = false;
  /** The frame auth tag the sender put on the bytes (auth on). */
  tag: Uint8Array | undefined = undefined;
  private encoded: Uint8Array | undefined;

  constructor(envelope: Envelope, wire: Wire, land: () => void, encoded: Uint8Array | undefined) {
    this.run = land;
    this.owner = envelope.to as Address;
    this.from = envelope.from.node;
    this.to = wire.to;
    this.wire = wire;
    this.envelope = envelope;
    this.encoded = encoded;
  }

  /** The envelope's bytes, encoded on first use: only a network decision that looks at them, auth or `wire: 'msgpack'` pays. */
  get bytes(): Uint8Array {
    this.encoded ??= encodeEnvelope(this.envelope);
    return this.encoded;
  }

  /** Another copy of the same send (a duplicate verdict), sharing the bytes already encoded. */
  again(): Flight {
    const twin = new Flight(this.envelope, this.wire, this.run as () => void, this.encoded);
    twin.copy = true;
    twin.tag = this.tag;
    return twin;
  }
}
