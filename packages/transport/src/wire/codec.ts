import { Packr, Unpackr } from 'msgpackr';
import { DecodeError, EncodeError, type Address, type ActorName, type ClockStamps, type Envelope, type EnvelopeKind, type NodeId } from '@faultline/core';
import { assertEncodable } from './encodable.ts';

/** Wire format version; a frame with another version is malformed. */
export const WIRE_VERSION = 1;

const KINDS: readonly EnvelopeKind[] = ['tell', 'ask', 'reply', 'fail'];
const packr = new Packr({ useRecords: false, moreTypes: false });
const unpackr = new Unpackr({ useRecords: false, int64AsType: 'bigint' });

/**
 * Encodes an envelope as one msgpack frame:
 * `[version, fromNode, fromName, toNode, toName, kind, id, replyTo, payload, stamps]`.
 * Returns a copy the caller owns (msgpackr's own result is a view into a shared pool).
 */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  assertEncodable(envelope.payload);
  let view: Uint8Array;
  try {
    view = packr.pack([
      WIRE_VERSION,
      envelope.from.node,
      envelope.from.name,
      envelope.to.node,
      envelope.to.name,
      KINDS.indexOf(envelope.kind),
      envelope.id,
      envelope.replyTo ?? null,
      envelope.payload,
      envelope.stamps ?? null,
    ]);
  } catch (error) {
    throw new EncodeError(error instanceof Error ? error.message : String(error));
  }
  return view.slice();
}

/** Decodes one frame; throws DecodeError saying what was wrong. Never returns a half-valid envelope. */
export function decodeEnvelope(frame: Uint8Array): Envelope {
  let raw: unknown;
  try {
    raw = unpackr.unpack(frame);
  } catch (error) {
    throw new DecodeError(`not msgpack (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(raw) || raw.length !== 10) throw new DecodeError('expected a 10-element envelope array');
  const [version, fromNode, fromName, toNode, toName, kindIndex, id, replyTo, payload, stamps] = raw as unknown[];
  if (version !== WIRE_VERSION) throw new DecodeError(`wire version ${String(version)}, expected ${WIRE_VERSION}`);
  const kind = typeof kindIndex === 'number' ? KINDS[kindIndex] : undefined;
  if (kind === undefined) throw new DecodeError(`bad envelope kind ${String(kindIndex)}`);
  if (typeof id !== 'number') throw new DecodeError('envelope id is not a number');
  if (replyTo !== null && typeof replyTo !== 'number') throw new DecodeError('envelope replyTo is not a number');
  if (stamps !== null && (typeof stamps !== 'object' || Array.isArray(stamps))) throw new DecodeError('envelope stamps are not a map');
  const envelope: Envelope = {
    from: addressOf(fromNode, fromName, 'from'),
    to: addressOf(toNode, toName, 'to'),
    kind,
    id,
    payload,
    ...(replyTo === null ? {} : { replyTo }),
    ...(stamps === null ? {} : { stamps: stamps as ClockStamps }),
  };
  return envelope;
}

function addressOf(node: unknown, name: unknown, field: string): Address {
  if (typeof node !== 'string' || typeof name !== 'string') throw new DecodeError(`envelope ${field} address is not two strings`);
  return { node: node as NodeId, name: name as ActorName };
}
