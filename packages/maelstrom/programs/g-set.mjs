// g-set (Maelstrom's workload/g_set.clj), correct: each node keeps the union of what it has seen
// and sends its whole set to every peer each tick — a state-based grow-only set CRDT, which
// converges once partitions heal.
import { runIfMain } from './lib.mjs';

const TICK_MS = 100;

export const program = (node) => {
  const elements = new Set();
  let ticking = false;
  const tick = () => {
    for (const peer of node.nodeIds) if (peer !== node.id) node.send(peer, { type: 'merge', elements: [...elements] });
    node.setTimer(TICK_MS, tick);
  };
  return {
    init: () => { if (!ticking) { ticking = true; node.setTimer(TICK_MS, tick); } },
    add: (msg) => { elements.add(msg.body.element); node.reply(msg, { type: 'add_ok' }); },
    read: (msg) => node.reply(msg, { type: 'read_ok', value: [...elements] }),
    merge: (msg) => { for (const e of msg.body.elements) elements.add(e); },
  };
};
runIfMain(import.meta.url, program);
