import type { Envelope, NodeId } from '@faultline/core';
import { encodeEnvelope, type Packet } from '@faultline/transport';
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
 * One copy of a message on its way, as one flat record: the packet the network model routes and what
 * its queued event delivers (the event's `subject`, run by the simulation's one landing function), so
 * a delivery allocates this and its event and nothing else: no closure, no separate packet or
 * envelope copy.
 */
export class Flight implements Packet {
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

  constructor(envelope: Envelope, wire: Wire, encoded: Uint8Array | undefined) {
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
    const twin = new Flight(this.envelope, this.wire, this.encoded);
    twin.copy = true;
    twin.tag = this.tag;
    return twin;
  }
}
