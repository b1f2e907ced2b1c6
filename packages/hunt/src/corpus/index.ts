// The bug corpus: small broken protocols, each with its correct twin, that `faultline test` must
// find (broken) and pass (correct) on the same seeds.
import type { Scenario } from '../scenario.ts';
import { counterBroken, counterCorrect } from './counter.ts';
import { transferBroken, transferCorrect } from './transfer.ts';
import { broadcastBroken, broadcastCorrect } from './broadcast.ts';
import { idsBroken, idsCorrect } from './unique-ids.ts';

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
];
