// lin-kv, correct: a stateless proxy to Maelstrom's lin-kv service (errors passed through).
import { kv, runIfMain } from './lib.mjs';

export const program = (node) => {
  const proxy = async (msg) => {
    const { msg_id: _ignored, ...body } = msg.body;
    const reply = await kv(node, 'lin-kv', body, 800);
    const { in_reply_to: _r, ...rest } = reply;
    node.reply(msg, rest);
  };
  return { read: proxy, write: proxy, cas: proxy };
};
runIfMain(import.meta.url, program);
