// Hostile (issue 19 item 11): n0 answers echo correctly but slowly (200 ms); n1 forges echo_ok
// replies to n0's clients (c1, c3 when there are two nodes and four clients), every 20 ms, for every
// msg id from 1 to 40. A client must take only the reply of the node it asked.
import { runStdio } from '../lib.mjs';

runStdio((node) => {
  let forging = false;
  return {
    init: () => {
      if (node.id !== 'n1' || forging) return;
      forging = true;
      setInterval(() => {
        for (const client of ['c1', 'c3']) for (let id = 1; id <= 40; id++) node.send(client, { type: 'echo_ok', in_reply_to: id, echo: 'forged' });
      }, 20);
    },
    echo: (msg) => { setTimeout(() => node.reply(msg, { type: 'echo_ok', echo: msg.body.echo }), node.id === 'n0' ? 200 : 0); },
  };
});
