import { runSeed, type SeedOptions, type SeedResult } from './run-seed.ts';
import type { Scenario } from './scenario.ts';

/** Where two runs of one seed first differ. */
export interface Divergence {
  /** Index of the first message event that differs. */
  readonly event: number;
  readonly first: string;
  readonly second: string;
}

/** One seed run twice (madsim's check): equal trace hashes, or the first divergent event. */
export interface DeterminismVerdict {
  readonly result: SeedResult;
  readonly deterministic: boolean;
  readonly divergence?: Divergence;
}

/** Runs the seed twice with every message event kept, and compares them; actor calls of impure globals are watched on both runs. */
export async function checkDeterminism<S>(scenario: Scenario<S>, options: SeedOptions): Promise<DeterminismVerdict> {
  const a = await runSeed(scenario, { ...options, keepTrace: true, watchImpurity: true });
  const b = await runSeed(scenario, { ...options, keepTrace: true, watchImpurity: true });
  const impure = [...a.impure, ...b.impure.filter((c) => !a.impure.some((d) => d.actor === c.actor && d.api === c.api))];
  const { trace: _drop, ...result } = { ...a, impure };
  if (a.traceHash === b.traceHash) return { result, deterministic: true };
  const ta = a.trace ?? [];
  const tb = b.trace ?? [];
  let i = 0;
  while (i < ta.length && i < tb.length && ta[i] === tb[i]) i++;
  return { result, deterministic: false, divergence: { event: i, first: ta[i] ?? '(run ended)', second: tb[i] ?? '(run ended)' } };
}
