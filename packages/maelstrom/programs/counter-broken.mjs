// Counter, broken: each node counts only the adds it received itself.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  let total = 0;
  return {
    add: (msg) => { total += msg.body.delta; node.reply(msg, { type: 'add_ok' }); },
    read: (msg) => node.reply(msg, { type: 'read_ok', value: total }),
  };
};
runIfMain(import.meta.url, program);
