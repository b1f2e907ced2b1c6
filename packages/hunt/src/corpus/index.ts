// The bug corpus: small broken protocols, each with its correct twin, that `faultline test` must
// find (broken) and pass (correct) on the same seeds.
import type { Scenario } from '../scenario.ts';
import { counterBroken, counterCorrect } from './counter.ts';
import { transferBroken, transferCorrect } from './transfer.ts';
import { broadcastBroken, broadcastCorrect } from './broadcast.ts';
import { idsBroken, idsCorrect } from './unique-ids.ts';
import { lockBroken, lockCorrect, lockWriteFencingBroken, lockWriteFencingCorrect } from './lock.ts';
import { lwwBroken, lwwCorrect } from './lww.ts';
import { tpcBroken, tpcCorrect } from './two-phase-commit.ts';
import { abdBroken, abdCorrect } from './abd.ts';
import { gCounterBroken, gCounterCorrect } from './g-counter.ts';

/** One corpus entry: the lesson it teaches, its broken protocol and the correct twin. */
export interface CorpusEntry {
  readonly name: string;
  readonly lesson: string;
  /** The test file that exports both scenarios (for `faultline test`). */
  readonly file: string;
  readonly broken: Scenario<never>;
  readonly correct: Scenario<never>;
}

const fileOf = (name: string) => new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).pathname;

/** Every entry. */
export const CORPUS: readonly CorpusEntry[] = [
  { name: 'counter-retry', lesson: 'retries need idempotent handlers', file: fileOf('counter'), broken: counterBroken as Scenario<never>, correct: counterCorrect as Scenario<never> },
  { name: 'transfer', lesson: 'a one-shot message between two effects loses money', file: fileOf('transfer'), broken: transferBroken as Scenario<never>, correct: transferCorrect as Scenario<never> },
  { name: 'broadcast', lesson: 'a broadcast without retries leaves nodes behind', file: fileOf('broadcast'), broken: broadcastBroken as Scenario<never>, correct: broadcastCorrect as Scenario<never> },
  { name: 'unique-ids', lesson: 'state that must survive a crash belongs in storage', file: fileOf('unique-ids'), broken: idsBroken as Scenario<never>, correct: idsCorrect as Scenario<never> },
  { name: 'lock', lesson: 'a lease without fencing lets an expired holder overwrite', file: fileOf('lock'), broken: lockBroken as Scenario<never>, correct: lockCorrect as Scenario<never> },
  { name: 'lock-fencing', lesson: 'fencing tokens must be checked on reads too, not only on writes', file: fileOf('lock'), broken: lockWriteFencingBroken as Scenario<never>, correct: lockWriteFencingCorrect as Scenario<never> },
  { name: 'lww-clock', lesson: 'last-writer-wins by wall clock loses a later write to a skewed clock', file: fileOf('lww'), broken: lwwBroken as Scenario<never>, correct: lwwCorrect as Scenario<never> },
  { name: 'two-phase-commit', lesson: 'a coordinator must make its decision durable before announcing it', file: fileOf('two-phase-commit'), broken: tpcBroken as Scenario<never>, correct: tpcCorrect as Scenario<never> },
  { name: 'abd-write-back', lesson: "a quorum read must write back what it read, or reads invert", file: fileOf('abd'), broken: abdBroken as Scenario<never>, correct: abdCorrect as Scenario<never> },
  { name: 'g-counter', lesson: 'op-based counters need exactly-once delivery; state-based merges by max do not', file: fileOf('g-counter'), broken: gCounterBroken as Scenario<never>, correct: gCounterCorrect as Scenario<never> },
];

/** The lease lock's actors, for searching the same code with `faultline explore`. */
export { LockServer, Store as FencedStore, Worker as LockWorker, type Fencing, type LockProbe, type LockServerState } from './lock.ts';
