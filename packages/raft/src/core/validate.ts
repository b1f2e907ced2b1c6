import { MAX_VOTERS, parseVoters } from './membership.ts';
import type { Entry, RaftMessage } from './messages.ts';

/** Why a message from a peer was refused before it reached the state machine. */
export class RaftMessageError extends Error {
  constructor(reason: string) {
    super(`malformed raft message: ${reason}`);
    this.name = 'RaftMessageError';
  }
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function field(o: Record<string, unknown>, name: string): number {
  const v = o[name];
  if (!isCount(v)) throw new RaftMessageError(`${String(o['type'])}.${name} must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
  return v;
}

function flag(o: Record<string, unknown>, name: string): boolean {
  const v = o[name];
  if (typeof v !== 'boolean') throw new RaftMessageError(`${String(o['type'])}.${name} must be a boolean`);
  return v;
}

/** Most entries accepted in one append: a bound on the work one message can cause. */
export const MAX_ENTRIES_PER_MESSAGE = 10_000;

/** Checks an untrusted value from the network is a well-formed Raft message (shapes and index arithmetic), or throws RaftMessageError. */
export function parseRaftMessage(value: unknown): RaftMessage {
  if (typeof value !== 'object' || value === null) throw new RaftMessageError('not an object');
  const o = value as Record<string, unknown>;
  switch (o['type']) {
    case 'raft-vote':
      return { type: 'raft-vote', term: field(o, 'term'), pre: flag(o, 'pre'), lastIndex: field(o, 'lastIndex'), lastTerm: field(o, 'lastTerm'), ...(o['transfer'] === undefined ? {} : { transfer: flag(o, 'transfer') }) };
    case 'raft-timeout-now':
      return { type: 'raft-timeout-now', term: field(o, 'term') };
    case 'raft-vote-reply':
      return { type: 'raft-vote-reply', term: field(o, 'term'), pre: flag(o, 'pre'), granted: flag(o, 'granted') };
    case 'raft-append': {
      const term = field(o, 'term');
      const prevIndex = field(o, 'prevIndex');
      const raw = o['entries'];
      if (!Array.isArray(raw) || raw.length > MAX_ENTRIES_PER_MESSAGE) throw new RaftMessageError(`raft-append.entries must be a list of at most ${MAX_ENTRIES_PER_MESSAGE}`);
      const entries: Entry[] = raw.map((e: unknown, i) => {
        if (typeof e !== 'object' || e === null) throw new RaftMessageError(`raft-append.entries[${i}] is not an object`);
        const r = e as Record<string, unknown>;
        const entry = { term: field(r, 'term'), index: field(r, 'index'), command: r['command'] ?? null };
        if (entry.index !== prevIndex + 1 + i) throw new RaftMessageError(`raft-append.entries[${i}].index is ${entry.index}, expected ${prevIndex + 1 + i}`);
        if (entry.term > term) throw new RaftMessageError(`raft-append.entries[${i}].term ${entry.term} is above the message's term ${term}`);
        return entry;
      });
      return { type: 'raft-append', term, prevIndex, prevTerm: field(o, 'prevTerm'), entries, commit: field(o, 'commit'), seq: field(o, 'seq') };
    }
    case 'raft-snapshot': {
      const term = field(o, 'term');
      const snapTerm = field(o, 'snapTerm');
      if (snapTerm > term) throw new RaftMessageError(`raft-snapshot.snapTerm ${snapTerm} is above the message's term ${term}`);
      const voters = parseVoters(o['voters']);
      if (voters === undefined) throw new RaftMessageError(`raft-snapshot.voters must be a list of at most ${MAX_VOTERS} distinct node names`);
      const learners = o['learners'] === undefined ? [] : parseVoters(o['learners']);
      if (learners === undefined || learners.some((l) => voters.includes(l))) throw new RaftMessageError(`raft-snapshot.learners must be a list of at most ${MAX_VOTERS} distinct node names, none a voter`);
      return { type: 'raft-snapshot', term, index: field(o, 'index'), snapTerm, data: o['data'] ?? null, voters, ...(learners.length > 0 ? { learners } : {}), seq: field(o, 'seq') };
    }
    case 'raft-append-reply':
      return { type: 'raft-append-reply', term: field(o, 'term'), success: flag(o, 'success'), match: field(o, 'match'), hint: field(o, 'hint'), seq: field(o, 'seq') };
    default:
      throw new RaftMessageError(`unknown type ${JSON.stringify(o['type'])}`);
  }
}
