// g-set, broken: replicates like g-set.mjs, but keeps only the 5 newest elements of its set, so
// acknowledged elements vanish from later reads (set-full: lost).
import { runIfMain } from './lib.mjs';

const TICK_MS = 100;

export const program = (node) => {
  let elements = [];
  let ticking = false;
  const add = (e) => { if (!elements.includes(e)) elements = [...elements, e].sort((a, b) => a - b).slice(-5); };
  const tick = () => {
    for (const peer of node.nodeIds) if (peer !== node.id) node.send(peer, { type: 'merge', elements });
    node.setTimer(TICK_MS, tick);
  };
  return {
    init: () => { if (!ticking) { ticking = true; node.setTimer(TICK_MS, tick); } },
    add: (msg) => { add(msg.body.element); node.reply(msg, { type: 'add_ok' }); },
    read: (msg) => node.reply(msg, { type: 'read_ok', value: elements }),
    merge: (msg) => { for (const e of msg.body.elements) add(e); },
  };
};
runIfMain(import.meta.url, program);
