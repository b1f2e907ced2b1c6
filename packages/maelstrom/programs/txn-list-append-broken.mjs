// txn-list-append, broken: each node applies transactions to its own lists and never tells the
// others, so a read on one node misses appends acknowledged on another (Elle finds realtime and
// dependency cycles: not strict serializable).
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  const lists = new Map();
  return {
    txn: (msg) => node.reply(msg, {
      type: 'txn_ok',
      txn: msg.body.txn.map(([f, k, v]) => {
        if (f === 'r') return [f, k, lists.has(k) ? [...lists.get(k)] : null];
        lists.set(k, [...(lists.get(k) ?? []), v]);
        return [f, k, v];
      }),
    }),
  };
};
runIfMain(import.meta.url, program);
