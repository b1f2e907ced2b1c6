// Kafka, broken: every node keeps its own logs, so two nodes hand out the same offset for different messages.
import { runIfMain } from './lib.mjs';

export const program = (node) => {
  const logs = new Map();
  const committed = {};
  return {
    send: (msg) => {
      const log = logs.get(msg.body.key) ?? [];
      logs.set(msg.body.key, log);
      log.push(msg.body.msg);
      node.reply(msg, { type: 'send_ok', offset: log.length - 1 });
    },
    poll: (msg) => {
      const msgs = {};
      for (const [key, from] of Object.entries(msg.body.offsets)) {
        msgs[key] = (logs.get(key) ?? []).slice(from, from + 10).map((m, i) => [from + i, m]);
      }
      node.reply(msg, { type: 'poll_ok', msgs });
    },
    commit_offsets: (msg) => { Object.assign(committed, msg.body.offsets); node.reply(msg, { type: 'commit_offsets_ok' }); },
    list_committed_offsets: (msg) => node.reply(msg, { type: 'list_committed_offsets_ok', offsets: committed }),
  };
};
runIfMain(import.meta.url, program);
