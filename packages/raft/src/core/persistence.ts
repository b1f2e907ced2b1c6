import type { DurableStorage, NodeId } from '@faultline/core';
import { parseVoters } from './membership.ts';
import type { Entry, Snapshot } from './messages.ts';
import type { HardState, Ready } from './ready.ts';

/**
 * Raft's persistent state (Figure 2: currentTerm, votedFor, log[]) in a node's `ctx.storage`: the
 * hard state under `hs`, the snapshot (with the configuration at its index) under `snap`, each entry after it under `e:<index>`. Storage read back is untrusted: a record
 * of the wrong shape or a gap ends the log there, which is safe because nothing unsynced was
 * ever acknowledged (the host syncs before it sends).
 */
export interface StoredRaft {
  readonly hardState: HardState;
  readonly entries: Entry[];
  readonly snapshot: Snapshot | undefined;
}

const entryKey = (index: number) => `e:${index}`;

/** Reads what a previous incarnation persisted. */
export function restoreRaft(storage: DurableStorage): StoredRaft {
  const hs = storage.get<{ term?: unknown; votedFor?: unknown }>('hs');
  const term = typeof hs?.term === 'number' && Number.isSafeInteger(hs.term) && hs.term >= 0 ? hs.term : 0;
  const votedFor = typeof hs?.votedFor === 'string' ? (hs.votedFor as NodeId) : null;
  const sn = storage.get<{ index?: unknown; term?: unknown; data?: unknown; voters?: unknown; learners?: unknown }>('snap');
  const snapshot: Snapshot | undefined = typeof sn?.index === 'number' && Number.isSafeInteger(sn.index) && sn.index > 0 && typeof sn.term === 'number' && Number.isSafeInteger(sn.term) && sn.term >= 0 && sn.term <= term
    ? { index: sn.index, term: sn.term, data: sn.data ?? null, voters: parseVoters(sn.voters), ...(sn.learners === undefined ? {} : { learners: parseVoters(sn.learners) ?? [] }) } : undefined;
  const base = snapshot?.index ?? 0;
  const indices = storage.keys('e:').map((k) => Number(k.slice(2))).filter((i) => Number.isSafeInteger(i) && i > base).sort((a, b) => a - b);
  const entries: Entry[] = [];
  for (const index of indices) {
    if (index !== base + entries.length + 1) break;
    const e = storage.get<{ term?: unknown; command?: unknown }>(entryKey(index));
    if (typeof e?.term !== 'number' || !Number.isSafeInteger(e.term) || e.term < 0 || e.term > term) break;
    if (e.term < (entries.length > 0 ? entries[entries.length - 1]!.term : snapshot?.term ?? 0)) break;
    entries.push({ term: e.term, index, command: e.command ?? null });
  }
  return { hardState: { term, votedFor }, entries, snapshot };
}

/**
 * Writes what a Ready asks to persist and syncs; `stored` is the last index on storage, updated.
 * Returns the sync when anything was written (its messages may go once it resolves), else undefined.
 */
export function persistReady(storage: DurableStorage, ready: Ready, stored: { last: number }): Promise<void> | undefined {
  let wrote = false;
  if (ready.hardState !== undefined) {
    storage.set('hs', ready.hardState);
    wrote = true;
  }
  if (ready.snapshot !== undefined) {
    // The snapshot first: if a crash keeps only a prefix of these writes, entries are never gone without it.
    const { index, term, data, voters, learners } = ready.snapshot;
    storage.set('snap', { index, term, data, ...(voters === undefined ? {} : { voters }), ...(learners === undefined || learners.length === 0 ? {} : { learners }) });
    for (const k of storage.keys('e:')) {
      const i = Number(k.slice(2));
      if (!(i > index) || ready.snapshot.replacesLog) storage.delete(k);
    }
    if (ready.snapshot.replacesLog || stored.last < index) stored.last = index;
    wrote = true;
  }
  if (ready.persistFrom !== undefined) {
    for (let i = stored.last; i >= ready.persistFrom; i--) storage.delete(entryKey(i));
    for (const e of ready.entries) storage.set(entryKey(e.index), { term: e.term, command: e.command });
    stored.last = ready.persistFrom - 1 + ready.entries.length;
    wrote = true;
  }
  return wrote ? storage.sync() : undefined;
}
