// A bare worker for the raw round-trip baseline: the pinger posts a msgpack-encoded `{ i }` to its peer
// port and waits for the answer before the next one, timing each round trip; the ponger answers each at once.
import { parentPort, workerData } from 'node:worker_threads';
import { Packr, Unpackr } from 'msgpackr';

const { role, port, progress, stopAfter } = workerData;
const packr = new Packr({ useRecords: false });
const unpackr = new Unpackr({ useRecords: false });
const send = (value) => {
  const bytes = packr.pack(value).slice(); // own copy: pack() returns a view into a shared pool
  port.postMessage(bytes, [bytes.buffer]);
};

if (role === 'ponger') {
  let answered = 0;
  port.on('message', (bytes) => {
    if (answered++ < stopAfter) send(unpackr.unpack(bytes)); // a test's ponger forced to stall stops answering
  });
  parentPort.postMessage({ ready: true });
} else {
  parentPort.on('message', ({ rounds, warmup }) => {
    const samples = new Float64Array(rounds);
    let i = 0;
    let sentAt = 0;
    const ping = () => {
      sentAt = performance.now();
      send({ i });
    };
    port.on('message', (bytes) => {
      const reply = unpackr.unpack(bytes);
      const rtt = performance.now() - sentAt;
      if (reply.i !== i) throw new Error(`out of order reply ${reply.i} for ${i}`);
      if (i >= warmup) samples[i - warmup] = rtt;
      i++;
      Atomics.store(progress, 0, i); // read by the main thread to tell a slow run from a stalled one
      if (i < warmup + rounds) ping();
      else parentPort.postMessage({ samplesMs: samples });
    });
    ping();
  });
  parentPort.postMessage({ ready: true });
}
