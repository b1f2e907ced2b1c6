// Echo, broken: every third answer echoes back the wrong text.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  let n = 0;
  return {
    echo: (msg) => node.reply(msg, { type: 'echo_ok', echo: ++n % 3 === 0 ? `${msg.body.echo}!` : msg.body.echo }),
  };
};
runIfMain(import.meta.url, program);
