// Challenge 4 (grow-only counter; also a correct pn-counter): one total in seq-kv, changed by a
// read-then-cas loop. seq-kv may serve stale reads, so a cas can miss and retry; before answering
// a client read, a write to a node-private key makes this node's view of seq-kv current.
import { kv, runIfMain } from './lib.mjs';

const KEY = 'counter';

export const program = (node) => {
  let syncs = 0;
  const current = async () => {
    const r = await kv(node, 'seq-kv', { type: 'read', key: KEY });
    if (r.type === 'read_ok') return r.value;
    if (r.code === 20) return 0;
    throw new Error(`read failed: ${r.text}`);
  };
  return {
    add: async (msg) => {
      for (;;) {
        const value = await current();
        const r = await kv(node, 'seq-kv', { type: 'cas', key: KEY, from: value, to: value + msg.body.delta, create_if_not_exists: true });
        if (r.type === 'cas_ok') return node.reply(msg, { type: 'add_ok' });
        if (r.code !== 22 && r.code !== 20) throw new Error(`cas failed: ${r.text}`);
      }
    },
    read: async (msg) => {
      await kv(node, 'seq-kv', { type: 'write', key: `sync-${node.id}`, value: ++syncs });
      node.reply(msg, { type: 'read_ok', value: await current() });
    },
  };
};
runIfMain(import.meta.url, program);
