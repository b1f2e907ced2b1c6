import type { Envelope, NodeId } from '@faultline/core';
import { cloneEnvelope, encodeEnvelope, type Packet } from '@faultline/transport';

/**
 * A remote frame as the network model sees it on real threads: a snapshot of the envelope taken at
 * send, encoded to bytes only if a rule reads `bytes` (size, corruption) — as the simulator does.
 */
export class LazyPacket implements Packet {
  readonly from: NodeId;
  readonly to: NodeId;
  /** The envelope as sent, sharing nothing with the sender's objects. */
  readonly envelope: Envelope;
  private encoded: Uint8Array | undefined;

  /** Snapshots `envelope`; throws EncodeError as `encodeEnvelope` would. */
  constructor(from: NodeId, envelope: Envelope) {
    this.from = from;
    this.to = envelope.to.node;
    this.envelope = cloneEnvelope(envelope);
  }

  get bytes(): Uint8Array {
    this.encoded ??= encodeEnvelope(this.envelope);
    return this.encoded;
  }

  /** The bytes if a rule has read them (the frame exactly as the network model judged it), else undefined. */
  get encodedBytes(): Uint8Array | undefined {
    return this.encoded;
  }
}
