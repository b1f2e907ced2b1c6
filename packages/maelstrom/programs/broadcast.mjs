// Challenge 3 (broadcast), efficient: every node sends new values to one hub (the first node id);
// the hub batches what it learns and sends each other node one message per tick. Every batch is
// resent each tick until acknowledged, so values survive loss and partitions. Ignores `topology`:
// a star has the fewest hops and messages (Gossip Glomers 3d/3e targets).
import { runIfMain } from './lib.mjs';

const TICK_MS = 100;

export const program = (node) => {
  const seen = new Set();
  const unacked = new Map(); // peer → Set of values it has not acknowledged
  let ticking = false;
  const hub = () => [...node.nodeIds].sort()[0];
  const queue = (peer, values) => {
    if (peer === node.id || values.length === 0) return;
    const set = unacked.get(peer) ?? new Set();
    for (const v of values) set.add(v);
    unacked.set(peer, set);
  };
  const flush = () => {
    for (const [peer, set] of unacked) {
      if (set.size > 0) node.send(peer, { type: 'gossip', messages: [...set] });
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
        node.send(hub(), { type: 'gossip', messages: fresh });
      }
    },
    read: (msg) => node.reply(msg, { type: 'read_ok', messages: [...seen] }),
    gossip: (msg) => {
      learn(msg.body.messages, msg.src);
      node.send(msg.src, { type: 'gossip_ok', messages: msg.body.messages });
    },
    gossip_ok: (msg) => {
      const set = unacked.get(msg.src);
      if (set) for (const v of msg.body.messages) set.delete(v);
    },
  };
};
runIfMain(import.meta.url, program);
