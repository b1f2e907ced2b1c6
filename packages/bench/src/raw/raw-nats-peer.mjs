// A raw NATS peer for the NATS bench baselines: plain @nats-io/transport-node and msgpackr, no faultline.
// Side 'a' publishes (throughput source) and pings (request/reply); side 'b' counts and echoes.
// Controlled by the bench over NATS requests on raw.<side>.ctl; timestamps are epoch ms (high resolution).
import { connect } from '@nats-io/transport-node';
import { pack, unpack } from 'msgpackr';

const [url, side, prefix] = process.argv.slice(2);
const nc = await connect({ servers: url });
const now = () => performance.timeOrigin + performance.now();
const reply = (msg, value) => msg.respond(pack(value));

if (side === 'b') {
  let count = 0;
  let expected = Infinity;
  let doneAt;
  let waiting;
  nc.subscribe(`${prefix}.data`, { callback: (_e, msg) => {
    count += unpack(msg.data).length;
    if (count >= expected && doneAt === undefined) {
      doneAt = now();
      if (waiting) reply(waiting, doneAt);
    }
  } });
  nc.subscribe(`${prefix}.echo`, { callback: (_e, msg) => msg.respond(msg.data) });
  nc.subscribe(`${prefix}.b.ctl`, { callback: (_e, msg) => {
    const m = unpack(msg.data);
    if (m.arm !== undefined) {
      count = 0; expected = m.arm; doneAt = undefined; waiting = undefined;
      reply(msg, true);
    } else if (m === 'count') reply(msg, count);
    else if (doneAt !== undefined) reply(msg, doneAt);
    else waiting = msg;
  } });
} else {
  nc.subscribe(`${prefix}.a.ctl`, { callback: async (_e, msg) => {
    const m = unpack(msg.data);
    if (m.n !== undefined) {
      const startAt = now();
      reply(msg, startAt);
      // chunk messages per NATS publish, a turn at a time: what the faultline source and mesh do.
      for (let i = 0; i < m.n; i += m.chunk) {
        const batch = [];
        for (let j = i; j < Math.min(m.n, i + m.chunk); j++) batch.push({ i: j });
        nc.publish(`${prefix}.data`, pack(batch));
        await new Promise((resolve) => setImmediate(resolve));
      }
    } else {
      const samples = [];
      try {
        for (let i = 0; i < m.warmup + m.rounds; i++) {
          const sentAt = now();
          await nc.request(`${prefix}.echo`, pack({ i }), { timeout: 5000 });
          if (i >= m.warmup) samples.push((now() - sentAt) * 1000);
        }
        reply(msg, samples);
      } catch (error) {
        // A ping unanswered in 5 s ends the run at once, named, rather than leaving the bench to its guard.
        reply(msg, { error: `round trip ${samples.length + 1}: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  } });
}
await nc.flush();
process.stdout.write('ready\n');
await nc.closed();
