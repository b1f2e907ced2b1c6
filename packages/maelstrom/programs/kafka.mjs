// Challenge 5 (kafka-style log), correct: offsets come from a per-key counter in lin-kv taken
// with cas; each message is stored under its own lin-kv key before `send_ok`; polls read offsets
// in order and stop at the first one not (yet) written; commits only ever raise the offset.
import { kv, runIfMain } from './lib.mjs';

const POLL_LIMIT = 10;

export const program = (node) => {
  const read = async (key) => {
    const r = await kv(node, 'lin-kv', { type: 'read', key });
    if (r.type === 'read_ok') return r.value;
    if (r.code === 20) return undefined;
    throw new Error(`read ${key}: ${r.text}`);
  };
  const raise = async (key, to, exclusive) => {
    for (;;) {
      const now = await read(key);
      if (now !== undefined && (exclusive ? now + 1 !== to : now >= to)) return exclusive ? undefined : now;
      const r = await kv(node, 'lin-kv', { type: 'cas', key, from: now ?? null, to, create_if_not_exists: true });
      if (r.type === 'cas_ok') return to;
      if (exclusive) return undefined;
    }
  };
  const allocate = async (key) => {
    for (;;) {
      const last = await read(`next-${key}`);
      const offset = last === undefined ? 0 : last + 1;
      const r = await kv(node, 'lin-kv', { type: 'cas', key: `next-${key}`, from: last ?? null, to: offset, create_if_not_exists: true });
      if (r.type === 'cas_ok') return offset;
    }
  };
  return {
    send: async (msg) => {
      const { key } = msg.body;
      const offset = await allocate(key);
      await kv(node, 'lin-kv', { type: 'write', key: `msg-${key}-${offset}`, value: msg.body.msg });
      node.reply(msg, { type: 'send_ok', offset });
    },
    poll: async (msg) => {
      const msgs = {};
      for (const [key, from] of Object.entries(msg.body.offsets)) {
        const list = [];
        for (let o = from; list.length < POLL_LIMIT; o++) {
          const value = await read(`msg-${key}-${o}`);
          if (value === undefined) break;
          list.push([o, value]);
        }
        msgs[key] = list;
      }
      node.reply(msg, { type: 'poll_ok', msgs });
    },
    commit_offsets: async (msg) => {
      for (const [key, offset] of Object.entries(msg.body.offsets)) await raise(`commit-${key}`, offset, false);
      node.reply(msg, { type: 'commit_offsets_ok' });
    },
    list_committed_offsets: async (msg) => {
      const offsets = {};
      for (const key of msg.body.keys) {
        const v = await read(`commit-${key}`);
        if (v !== undefined) offsets[key] = v;
      }
      node.reply(msg, { type: 'list_committed_offsets_ok', offsets });
    },
  };
};
runIfMain(import.meta.url, program);
