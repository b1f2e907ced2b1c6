// Challenge 3 (broadcast), efficient: every node sends new values to one hub (the first node id);
// the hub batches what it learns and sends each other node one message per tick. A value not
// acknowledged within RESEND_MS (longer than a round trip) is sent again, until it is, so values
// survive loss and partitions. Ignores `topology`: a star has the fewest hops and messages
// (Gossip Glomers 3d/3e targets).
import { runIfMain } from './lib.mjs';

const TICK_MS = 100;
const RESEND_MS = 500;

export const program = (node) => {
  const seen = new Set();
  const unacked = new Map(); // peer → Map value → when it was last sent (-Infinity = not yet)
  let ticking = false;
  const hub = () => [...node.nodeIds].sort()[0];
  const queue = (peer, values) => {
    if (peer === node.id || values.length === 0) return;
    const pending = unacked.get(peer) ?? new Map();
    for (const v of values) if (!pending.has(v)) pending.set(v, -Infinity);
    unacked.set(peer, pending);
  };
  const flush = () => {
    const now = node.now();
    for (const [peer, pending] of unacked) {
      const due = [...pending].filter(([, sent]) => now - sent >= RESEND_MS).map(([v]) => v);
      if (due.length === 0) continue;
      for (const v of due) pending.set(v, now);
      node.send(peer, { type: 'gossip', messages: due });
    }
  };
  const tick = () => {
    flush();
    node.setTimer(TICK_MS, tick);
  };
  const learn = (values, from) => {
    const fresh = values.filter((v) => !seen.has(v));
    for (const v of fresh) seen.add(v);
    if (node.id === hub()) for (const peer of node.nodeIds) if (peer !== from) queue(peer, fresh);
    return fresh;
  };
  return {
    init: () => {
      if (!ticking) { ticking = true; node.setTimer(TICK_MS, tick); }
    },
    topology: (msg) => node.reply(msg, { type: 'topology_ok' }),
    broadcast: (msg) => {
      const fresh = learn([msg.body.message], undefined);
      node.reply(msg, { type: 'broadcast_ok' });
      if (node.id !== hub() && fresh.length > 0) {
        queue(hub(), fresh);
        flush();
      }
    },
    read: (msg) => node.reply(msg, { type: 'read_ok', messages: [...seen] }),
    gossip: (msg) => {
      learn(msg.body.messages, msg.src);
      node.send(msg.src, { type: 'gossip_ok', messages: msg.body.messages });
    },
    gossip_ok: (msg) => {
      const pending = unacked.get(msg.src);
      if (pending) for (const v of msg.body.messages) pending.delete(v);
    },
  };
};
runIfMain(import.meta.url, program);
