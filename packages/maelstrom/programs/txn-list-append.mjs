// txn-list-append (Maelstrom's workload/txn_list_append.clj), correct and strict serializable:
// every node forwards each transaction to one leader (the first node id), which applies it to its
// lists in one step; the leader's reply is relayed to the client. A lost forward is a timeout
// (indeterminate), never a wrong answer.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  const lists = new Map();
  const leader = () => [...node.nodeIds].sort()[0];
  const apply = (txn) => txn.map(([f, k, v]) => {
    if (f === 'r') return [f, k, lists.has(k) ? [...lists.get(k)] : null];
    lists.set(k, [...(lists.get(k) ?? []), v]);
    return [f, k, v];
  });
  return {
    txn: async (msg) => {
      if (node.id === leader()) return node.reply(msg, { type: 'txn_ok', txn: apply(msg.body.txn) });
      const reply = await node.rpc(leader(), { type: 'apply', txn: msg.body.txn }, 5000);
      node.reply(msg, { type: 'txn_ok', txn: reply.body.txn });
    },
    apply: (msg) => node.reply(msg, { type: 'apply_ok', txn: apply(msg.body.txn) }),
  };
};
runIfMain(import.meta.url, program);
