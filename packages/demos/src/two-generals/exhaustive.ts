import { attacks, endingOf, messengers, senderOf, type Ending } from './protocol.ts';

/** One loss pattern: for every messenger, lost or not (messengers after the first loss are never sent). */
export interface PatternRun {
  readonly lost: readonly boolean[];
  /** How many messengers were actually sent. */
  readonly sent: number;
  readonly ending: Ending;
}

/** Every loss pattern of protocol k, run through the decision rule. */
export function explore(k: number): PatternRun[] {
  const total = messengers(k);
  const runs: PatternRun[] = [];
  for (let mask = 0; mask < 2 ** total; mask++) {
    const lost = Array.from({ length: total }, (_, i) => ((mask >> i) & 1) === 1);
    const got = { A: new Set<number>(), B: new Set<number>() };
    let sent = 0;
    for (let n = 1; n <= total; n++) {
      sent = n;
      if (lost[n - 1]) break;
      got[senderOf(n) === 'A' ? 'B' : 'A'].add(n);
    }
    runs.push({ lost, sent, ending: endingOf(attacks('A', k, got.A), attacks('B', k, got.B)) });
  }
  return runs;
}

/** The probability of a pattern when each sent messenger is lost independently with probability p. */
export function patternProbability(run: PatternRun, p: number): number {
  let prob = 1;
  for (let n = 1; n <= run.sent; n++) prob *= run.lost[n - 1] ? p : 1 - p;
  // Fates of messengers never sent do not matter: count each distinct run once.
  const first = run.lost.indexOf(true);
  const canonical = first === -1 || run.lost.slice(first + 1).every((l) => !l);
  return canonical ? prob : 0;
}

/** P(ending) for protocol k at loss p, summed over every pattern the search found. */
export function endingProbabilities(k: number, p: number): Record<Ending, number> {
  const out: Record<Ending, number> = { 'both attack': 0, 'both hold': 0, 'A alone': 0, 'B alone': 0 };
  for (const run of explore(k)) out[run.ending] += patternProbability(run, p);
  return out;
}
