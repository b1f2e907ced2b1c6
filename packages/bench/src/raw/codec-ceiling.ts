import { Packr, Unpackr } from 'msgpackr';
import { NodeClocks, type ActorName, type Envelope, type NodeId } from '@faultline/core';
import { decodeEnvelope, encodeEnvelope, FrameBatch, forEachFrame } from '@faultline/transport';

/** Messages per second through encode + batch + decode on one thread: the runtime's envelope vs a raw `{ i }`. */
export interface CodecCeiling {
  readonly envelopesPerSecond: number;
  readonly rawPerSecond: number;
}

/**
 * How fast one thread can push tells through the wire codec alone (encode, append to a batch, split,
 * decode), stamped as a NodeHost stamps them, next to msgpack `{ i }`: the ceiling the codec puts on
 * tell throughput, whatever the runtime around it does.
 */
export function codecCeiling(n: number, chunk: number): CodecCeiling {
  const from = { node: 'a' as NodeId, name: 'source' as ActorName };
  const to = { node: 'b' as NodeId, name: 'sink' as ActorName };
  const clocks = new NodeClocks('a', () => performance.now());
  const batch = new FrameBatch();
  let sum = 0;
  let t = performance.now();
  for (let done = 0; done < n; ) {
    for (let k = 0; k < chunk && done < n; k++, done++) {
      const envelope: Envelope = { from, to, kind: 'tell', id: 4_294_967_297 + done, payload: { i: done }, stamps: clocks.stampSend() };
      batch.append(encodeEnvelope(envelope));
    }
    forEachFrame(batch.take(), (b, start, end) => { sum += (decodeEnvelope(b, start, end).payload as { i: number }).i; }, () => {});
  }
  const envelopeSeconds = (performance.now() - t) / 1000;
  const packr = new Packr({ useRecords: false });
  const unpackr = new Unpackr({ useRecords: false });
  t = performance.now();
  for (let done = 0; done < n; ) {
    for (let k = 0; k < chunk && done < n; k++, done++) batch.append(packr.pack({ i: done }));
    forEachFrame(batch.take(), (b, start, end) => { sum += (unpackr.unpack(b, { start, end }) as { i: number }).i; }, () => {});
  }
  const rawSeconds = (performance.now() - t) / 1000;
  if (Number.isNaN(sum)) throw new Error('unreachable: keeps the loops from being optimized away');
  return { envelopesPerSecond: n / envelopeSeconds, rawPerSecond: n / rawSeconds };
}
