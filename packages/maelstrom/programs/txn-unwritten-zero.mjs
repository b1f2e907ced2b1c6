// txn-rw-register, correct for read committed: txn.mjs, except that a read of a key nobody wrote
// returns 0 instead of null. Maelstrom (Elle's rw-register checker) finds no anomaly in that: a
// value without a writer makes no dependency. Issue 19: faultline used to call it garbage-read.
import { runIfMain } from './lib.mjs';
import { program as base } from './txn.mjs';

export const program = (node) => {
  const wrapped = Object.create(node);
  wrapped.reply = (req, body) => node.reply(req, body.type !== 'txn_ok' ? body : { ...body, txn: body.txn.map(([f, k, v]) => [f, k, f === 'r' && v === null ? 0 : v]) });
  return base(wrapped);
};
runIfMain(import.meta.url, program);
