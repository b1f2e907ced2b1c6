// Challenge 2 (unique-ids), correct, with snowflake-style 64-bit ids: bit 62 set, the node's index
// in bits 20..29, a local counter below. Distinct ids that differ only in the low bits round to
// the same double, so a harness that reads them as JS numbers reports duplicates (issue 21).
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  let n = 0n;
  return {
    generate: (msg) => {
      const index = BigInt(node.nodeIds.indexOf(node.id));
      node.reply(msg, { type: 'generate_ok', id: (1n << 62n) | (index << 20n) | n++ });
    },
  };
};
runIfMain(import.meta.url, program);
