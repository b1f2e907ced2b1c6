import type { Envelope, NodeId } from '@faultline/core';
import { cloneEncodable, encodeEnvelope, type Packet } from '@faultline/transport';

/** A packet in flight in the simulator: the envelope plus its bytes, encoded on first use. */
export interface SimPacket extends Packet {
  readonly envelope: Envelope;
}

/** A packet whose payload was deep-copied at send; bytes are encoded only if someone reads them. */
class ClonedPacket implements SimPacket {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly envelope: Envelope;
  private encoded: Uint8Array | undefined;

  constructor(original: Envelope) {
    this.from = original.from.node;
    this.to = original.to.node;
    this.envelope = withPayload(original, cloneEncodable(original.payload));
  }

  get bytes(): Uint8Array {
    this.encoded ??= encodeEnvelope(this.envelope);
    return this.encoded;
  }
}

export function withPayload(e: Envelope, payload: unknown): Envelope {
  return e.replyTo === undefined
    ? { from: e.from, to: e.to, kind: e.kind, id: e.id, payload, stamps: e.stamps }
    : { from: e.from, to: e.to, kind: e.kind, id: e.id, replyTo: e.replyTo, payload, stamps: e.stamps };
}

export function clonedPacket(envelope: Envelope): SimPacket {
  return new ClonedPacket(envelope);
}

export function encodedPacket(envelope: Envelope): SimPacket {
  return { from: envelope.from.node, to: envelope.to.node, envelope, bytes: encodeEnvelope(envelope) };
}

