// Transactions, broken: on a conflict it reports txn-conflict (a definite abort) but forgets to
// roll back the writes it already applied — other transactions then read aborted values (G1a).
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  const store = new Map();
  let n = 0;
  return {
    txn: (msg) => {
      const result = [];
      for (const [f, k, v] of msg.body.txn) {
        if (f === 'r') result.push([f, k, store.has(k) ? store.get(k) : null]);
        else { store.set(k, v); result.push([f, k, v]); }
      }
      if (++n % 3 === 0) return node.reply(msg, { type: 'error', code: 30, text: 'txn conflict' });
      node.reply(msg, { type: 'txn_ok', txn: result });
    },
  };
};
runIfMain(import.meta.url, program);
