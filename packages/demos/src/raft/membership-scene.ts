import { DEFAULT_MEMBERSHIP_PLAN, runRaftExperiment, variantConfig, type RaftExperimentConfig, type RaftExperimentResult } from '@faultline/raft';

/** Totals of one row of the membership table. */
interface Row {
  ok: number; fail: number; info: number; elections: number; unavailableMs: number; longestMs: number;
  changesOk: number; changesRefused: number; changesUnknown: number; leaderRemovals: number; twoLeaders: number; unsafe: number[];
}

const emptyRow = (): Row => ({ ok: 0, fail: 0, info: 0, elections: 0, unavailableMs: 0, longestMs: 0, changesOk: 0, changesRefused: 0, changesUnknown: 0, leaderRemovals: 0, twoLeaders: 0, unsafe: [] });

function add(row: Row, r: RaftExperimentResult): void {
  row.ok += r.summary.ok; row.fail += r.summary.fail; row.info += r.summary.info; row.elections += r.elections;
  row.unavailableMs += r.unavailableMs; row.longestMs = Math.max(row.longestMs, r.longestOutageMs);
  for (const e of r.membershipLog) {
    if (e.outcome.startsWith('ok')) row.changesOk++;
    else if (e.outcome === 'unknown') row.changesUnknown++;
    else row.changesRefused++;
    if (e.outcome.startsWith('ok') && /^remove (\S+) \(at \1\)$/.test(e.change)) row.leaderRemovals++;
  }
  row.twoLeaders += r.leaderConflicts.length;
  if (!r.safe) row.unsafe.push(r.seed);
}

/**
 * Membership change one server at a time (thesis §4.1) under the chaos nemesis and 2 % loss: the
 * cluster grows 3 → 5 and shrinks back (the leader removed one time in three), against the same seeds
 * and faults on fixed configurations of five and of three (two spare servers idle); client outcomes, elections,
 * unavailable time, changes.
 */
export async function membershipScene(seed: number, seeds: number, out: (line: string) => void): Promise<void> {
  out('Membership (thesis §4.1): servers added and removed one at a time through the leader, 3 → 5 → 3 …, the leader itself');
  out('one removal in three, each configuration in force once appended; under the chaos nemesis (partitions incl. one-way, kills');
  out(`with restart, pauses, clock jumps) and 2 % message loss, 8 s of 10 clients; seeds ${seed}–${seed + seeds - 1}, totals:`);
  const rows: [string, (s: number) => RaftExperimentConfig][] = [
    ['fixed 5 voters', (s) => ({ ...variantConfig('membership', s), membership: undefined, checkLeaders: true })],
    ['fixed 3 voters', (s) => ({ ...variantConfig('membership', s), membership: { ...DEFAULT_MEMBERSHIP_PLAN, maxVoters: 3 } })],
    ['3 ↔ 5 voters', (s) => variantConfig('membership', s)],
  ];
  out(`  ${'configuration'.padEnd(15)} ${'ok'.padStart(6)} ${'failed'.padStart(7)} ${'unknown'.padStart(8)} ${'elections'.padStart(10)} ${'unavailable'.padStart(12)} ${'longest'.padStart(8)}   changes ok/refused/unknown (leader removed)   two leaders  safe`);
  for (const [label, config] of rows) {
    const row = emptyRow();
    for (let s = seed; s < seed + seeds; s++) add(row, await runRaftExperiment(config(s)));
    const changes = label.startsWith('fixed') ? '-'.padEnd(41) : `${row.changesOk}/${row.changesRefused}/${row.changesUnknown} (${row.leaderRemovals})`.padEnd(41);
    const safe = row.unsafe.length === 0 ? `${seeds}/${seeds}` : `${seeds - row.unsafe.length}/${seeds} (unsafe: ${row.unsafe.join(', ')})`;
    out(`  ${label.padEnd(15)} ${String(row.ok).padStart(6)} ${String(row.fail).padStart(7)} ${String(row.info).padStart(8)} ${String(row.elections).padStart(10)} ${`${(row.unavailableMs / 1000).toFixed(1)} s`.padStart(12)} ${`${row.longestMs.toFixed(0)} ms`.padStart(8)}   ${changes}   ${String(row.twoLeaders).padStart(11)}  ${safe}`);
  }
  out('  (unavailable: stretches over 100 ms in which no operation succeeded, summed over the seeds; longest: the longest one;');
  out('   failed includes cas that found another value; two leaders: terms in which two nodes sent appends, checked on every message)');
  out(`  replay: pnpm faultline demo raft --scene membership --seed ${seed}`);
  out('A change costs little while the leader stays: the new server is caught up by the log or a snapshot. Removing the leader');
  out('costs an election: it steps down once its removal commits, and the others wait out their election timeout first.\n');
}
