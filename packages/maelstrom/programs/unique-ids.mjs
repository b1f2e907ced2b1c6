// Challenge 2 (unique-ids), correct: node id plus a local counter is unique everywhere, even across partitions.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  let n = 0;
  return { generate: (msg) => node.reply(msg, { type: 'generate_ok', id: `${node.id}-${n++}` }) };
};
runIfMain(import.meta.url, program);
