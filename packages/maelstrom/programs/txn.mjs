// Challenge 6 (totally available transactions, read committed), correct: each node applies a
// transaction to its own store in one step and replicates the transaction's final writes to
// every peer, resending each tick until acknowledged. Never exposes a partial or failed write.
import { runIfMain } from './lib.mjs';

const TICK_MS = 100;

export const program = (node) => {
  const store = new Map();
  const unacked = new Map(); // peer → Map id → writes
  let seq = 0;
  let ticking = false;
  const tick = () => {
    for (const [peer, batch] of unacked) for (const [id, writes] of batch) node.send(peer, { type: 'replicate', id, writes });
    node.setTimer(TICK_MS, tick);
  };
  return {
    init: () => { if (!ticking) { ticking = true; node.setTimer(TICK_MS, tick); } },
    txn: (msg) => {
      const result = [];
      const writes = {};
      for (const [f, k, v] of msg.body.txn) {
        if (f === 'r') result.push([f, k, store.has(k) ? store.get(k) : null]);
        else { store.set(k, v); writes[k] = v; result.push([f, k, v]); }
      }
      node.reply(msg, { type: 'txn_ok', txn: result });
      if (Object.keys(writes).length === 0) return;
      const id = `${node.id}-${++seq}`;
      for (const peer of node.nodeIds) {
        if (peer === node.id) continue;
        const batch = unacked.get(peer) ?? new Map();
        batch.set(id, writes);
        unacked.set(peer, batch);
        node.send(peer, { type: 'replicate', id, writes });
      }
    },
    replicate: (msg) => {
      for (const [k, v] of Object.entries(msg.body.writes)) store.set(Number(k), v);
      node.send(msg.src, { type: 'replicate_ok', id: msg.body.id });
    },
    replicate_ok: (msg) => unacked.get(msg.src)?.delete(msg.body.id),
  };
};
runIfMain(import.meta.url, program);
