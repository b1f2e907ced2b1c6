// Unique ids, broken: a local counter alone repeats across nodes.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  let n = 0;
  return { generate: (msg) => node.reply(msg, { type: 'generate_ok', id: n++ }) };
};
runIfMain(import.meta.url, program);
