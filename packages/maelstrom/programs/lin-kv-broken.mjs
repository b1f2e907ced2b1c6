// lin-kv, broken: each node keeps its own map, so clients on different nodes see different registers.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  const map = new Map();
  return {
    read: (msg) => map.has(msg.body.key)
      ? node.reply(msg, { type: 'read_ok', value: map.get(msg.body.key) })
      : node.reply(msg, { type: 'error', code: 20, text: 'no such key' }),
    write: (msg) => { map.set(msg.body.key, msg.body.value); node.reply(msg, { type: 'write_ok' }); },
    cas: (msg) => {
      const { key, from, to } = msg.body;
      if (!map.has(key)) return node.reply(msg, { type: 'error', code: 20, text: 'no such key' });
      if (map.get(key) !== from) return node.reply(msg, { type: 'error', code: 22, text: 'mismatch' });
      map.set(key, to);
      node.reply(msg, { type: 'cas_ok' });
    },
  };
};
runIfMain(import.meta.url, program);
