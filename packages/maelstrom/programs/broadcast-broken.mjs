// Broadcast, broken: gossips each new value to its topology neighbours once and never retries,
// so a lost message or a partition loses the value on some nodes for good.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  const seen = new Set();
  let neighbours = [];
  const spread = (value, from) => {
    if (seen.has(value)) return;
    seen.add(value);
    for (const peer of neighbours) if (peer !== from) node.send(peer, { type: 'gossip', message: value });
  };
  return {
    topology: (msg) => {
      neighbours = msg.body.topology[node.id] ?? [];
      node.reply(msg, { type: 'topology_ok' });
    },
    broadcast: (msg) => {
      spread(msg.body.message, undefined);
      node.reply(msg, { type: 'broadcast_ok' });
    },
    read: (msg) => node.reply(msg, { type: 'read_ok', messages: [...seen] }),
    gossip: (msg) => spread(msg.body.message, msg.src),
  };
};
runIfMain(import.meta.url, program);
