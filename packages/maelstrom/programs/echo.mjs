// Challenge 1 (echo), correct: answers every echo with the same text.
import { runIfMain } from './lib.mjs';

export const program = (node) => ({
  echo: (msg) => node.reply(msg, { type: 'echo_ok', echo: msg.body.echo }),
});
runIfMain(import.meta.url, program);
