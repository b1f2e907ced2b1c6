// A bare worker for the raw throughput baseline: no actors, no envelopes. Either sends `n` msgpack-encoded
// `{ i }` messages to its peer port, `chunk` per event-loop turn, each turn's frames in one length-prefixed
// batch posted with its buffer transferred (the runtime's strategy), or receives and counts them.
import { parentPort, workerData } from 'node:worker_threads';
import { Packr, Unpackr } from 'msgpackr';

const { role, port, progress, stopAfter } = workerData;
const now = () => performance.timeOrigin + performance.now();

if (role === 'receiver') {
  const unpackr = new Unpackr({ useRecords: false });
  let expected = Infinity;
  let count = 0;
  parentPort.on('message', (m) => { expected = m.expect; });
  port.on('message', (batch) => {
    if (count >= stopAfter) return; // a test's receiver forced to stall
    const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength);
    let offset = 0;
    while (offset < batch.length) {
      const size = view.getUint32(offset);
      const message = unpackr.unpack(batch.subarray(offset + 4, offset + 4 + size));
      if (typeof message.i === 'number') count++;
      offset += 4 + size;
    }
    Atomics.store(progress, 0, count); // read by the main thread to tell a slow run from a stalled one
    if (count >= expected) {
      parentPort.postMessage({ doneAt: now(), count });
      count = 0;
      expected = Infinity;
    }
  });
  parentPort.postMessage({ ready: true });
} else {
  const packr = new Packr({ useRecords: false });
  let buffer = new Uint8Array(1 << 16);
  let view = new DataView(buffer.buffer);
  let length = 0;
  const append = (frame) => {
    if (length + 4 + frame.length > buffer.length) {
      const next = new Uint8Array(buffer.length * 2);
      next.set(buffer.subarray(0, length));
      buffer = next;
      view = new DataView(next.buffer);
    }
    view.setUint32(length, frame.length);
    buffer.set(frame, length + 4); // copies out of msgpackr's shared pool
    length += 4 + frame.length;
  };
  parentPort.on('message', ({ n, chunk }) => {
    const startAt = now();
    let i = 0;
    const turn = () => {
      const end = Math.min(n, i + chunk);
      for (; i < end; i++) append(packr.pack({ i }));
      const batch = buffer.slice(0, length);
      length = 0;
      port.postMessage(batch, [batch.buffer]);
      if (i < n) setImmediate(turn);
    };
    setImmediate(turn);
    parentPort.postMessage({ startAt });
  });
  parentPort.postMessage({ ready: true });
}
