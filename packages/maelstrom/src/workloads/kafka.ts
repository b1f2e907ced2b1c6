import type { Json } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import { Anomalies, at, verdict, type Workload } from './workload.ts';

const KEYS = 3;

type Entries = Record<string, [number, number][]>;

/**
 * Maelstrom's `kafka`: `send` appends to a key's log and returns its offset; `poll` reads from
 * offsets; `commit_offsets` / `list_committed_offsets` keep consumer positions. Checked: no two
 * messages at one offset (`inconsistent-offsets`), polls in strictly increasing offset order
 * (`nonmonotonic-poll`), no acknowledged send skipped by a poll that read past it after the send
 * was acknowledged (`lost-write`), no message nobody sent (`phantom`), and committed offsets never
 * below one acknowledged earlier (`lost-commit`).
 */
export function kafkaWorkload(): Workload {
  let next = 0;
  const position: Record<string, number> = {};
  return {
    name: 'kafka',
    generate: (rng) => {
      // Maelstrom's keys are integers made strings (kafka.clj: `(update-op-keys op str)`): "0", "1"…
      const key = `${rng.int(KEYS)}`;
      const roll = rng.int(10);
      if (roll < 5) {
        const msg = next++;
        return { f: 'send', value: { key, msg }, body: { type: 'send', key, msg } };
      }
      if (roll < 8) {
        const offsets = { [key]: position[key] ?? 0 };
        return { f: 'poll', value: offsets, body: { type: 'poll', offsets } };
      }
      if (roll < 9) {
        const offsets = { ...position };
        return { f: 'commit_offsets', value: offsets, body: { type: 'commit_offsets', offsets } };
      }
      const keys = Array.from({ length: KEYS }, (_, i) => `${i}`);
      return { f: 'list_committed_offsets', value: keys, body: { type: 'list_committed_offsets', keys } };
    },
    complete: (f, reply) => {
      if (f === 'send') return (reply['offset'] ?? null) as Json;
      if (f === 'poll') {
        const msgs = (reply['msgs'] ?? {}) as Entries;
        // Consumers move forward a little, so later polls (and commits) start further on.
        for (const [k, list] of Object.entries(msgs)) {
          const last = Array.isArray(list) && list.length > 0 ? list[Math.min(1, list.length - 1)] : undefined;
          if (Array.isArray(last) && typeof last[0] === 'number') position[k] = Math.max(position[k] ?? 0, last[0]);
        }
        return msgs as unknown as Json;
      }
      if (f === 'list_committed_offsets') return (reply['offsets'] ?? {}) as Json;
      return null;
    },
    check: checkKafka,
  };
}

function checkKafka(ops: readonly OpRecord[]): ReturnType<Workload['check']> {
  const found = new Anomalies();
  const sent = new Set<number>();
  const at_ = new Map<string, number>(); // "key/offset" → msg
  const acked: { op: OpRecord; key: string; offset: number; msg: number }[] = [];
  for (const op of ops) {
    if (op.f !== 'send') continue;
    const { key, msg } = op.value as { key: string; msg: number };
    sent.add(msg);
    if (op.type !== 'ok') continue;
    if (typeof op.result !== 'number') { found.add('malformed-reply', `${at(op)} send_ok without a numeric offset`); continue; }
    acked.push({ op, key, offset: op.result, msg });
    claim(found, at_, key, op.result, msg, at(op));
  }
  const polls = ops.filter((o) => o.f === 'poll' && o.type === 'ok');
  for (const p of polls) {
    const from = p.value as Record<string, number>;
    const msgs = (p.result ?? {}) as Entries;
    for (const [key, list] of Object.entries(msgs)) {
      if (!Array.isArray(list)) { found.add('malformed-reply', `${at(p)} poll_ok msgs.${key} is not a list`); continue; }
      let prev = -Infinity;
      const seen = new Set<number>();
      for (const entry of list) {
        const [offset, msg] = Array.isArray(entry) ? entry : [NaN, NaN];
        if (typeof offset !== 'number' || typeof msg !== 'number') { found.add('malformed-reply', `${at(p)} poll entry ${JSON.stringify(entry)} is not [offset, msg]`); continue; }
        if (offset <= prev) found.add('nonmonotonic-poll', `${at(p)} key ${key}: offset ${offset} after ${prev}`);
        prev = offset;
        seen.add(offset);
        if (!sent.has(msg)) found.add('phantom', `${at(p)} key ${key} offset ${offset}: message ${msg} was never sent`);
        claim(found, at_, key, offset, msg, at(p));
      }
      const start = from[key] ?? 0;
      const highest = prev;
      for (const a of acked) {
        if (a.key !== key || a.offset < start || a.offset >= highest || seen.has(a.offset)) continue;
        if ((a.op.completeTime ?? Infinity) < p.invokeTime) found.add('lost-write', `${at(p)} polled ${key} from ${start} up to ${highest} but skipped offset ${a.offset} (message ${a.msg}, acked to ${at(a.op)})`);
      }
    }
  }
  const commits = ops.filter((o) => o.f === 'commit_offsets' && o.type === 'ok');
  for (const l of ops.filter((o) => o.f === 'list_committed_offsets' && o.type === 'ok')) {
    const listed = (l.result ?? {}) as Record<string, number>;
    for (const c of commits) {
      if ((c.completeTime ?? Infinity) >= l.invokeTime) continue;
      for (const [key, offset] of Object.entries(c.value as Record<string, number>)) {
        if ((listed[key] ?? -1) < offset) found.add('lost-commit', `${at(l)} listed ${key} at ${listed[key] ?? 'nothing'}, but offset ${offset} was committed by ${at(c)}`);
      }
    }
  }
  const lines = [`${acked.length} sends acknowledged, ${polls.length} polls, ${commits.length} commits`, ...found.examples];
  return { ...verdict(found, acked.length > 0, 'no send was acknowledged, so no message could be checked'), anomalies: found.counts, lines };
}

function claim(found: Anomalies, at_: Map<string, number>, key: string, offset: number, msg: number, where: string): void {
  const slot = `${key}/${offset}`;
  const existing = at_.get(slot);
  if (existing === undefined) at_.set(slot, msg);
  else if (existing !== msg) found.add('inconsistent-offsets', `${where}: ${key} offset ${offset} holds both ${existing} and ${msg}`);
}
