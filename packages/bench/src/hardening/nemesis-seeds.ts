/**
 * The CP register with SWIM membership (`sim-fast`) under the random nemesis, over many seeds: the
 * full figure behind issue 9 item 3 (CI runs a few seeds in registers/test/nemesis-membership.test.ts).
 * Every seed must finish (no stall: the simulator reports one as SimulationStallError) with a
 * linearizable history. Usage: `npx tsx packages/bench/src/hardening/nemesis-seeds.ts [--from 2000] [--count 500]`.
 */
import { runExperiment, type ExperimentConfig } from '@faultline/registers';

/** The run of one seed; shared with the CI test so both exercise the same thing. */
export function membershipNemesisRun(seed: number): ExperimentConfig {
  return {
    seed, nodes: 5, register: { kind: 'cp' }, membership: 'sim-fast',
    workload: { durationMs: 6000, processes: 10, keys: ['a', 'b', 'c', 'd', 'e'], timeoutMs: 1000 },
    nemesis: { generate: { intervalMs: 500, durationMs: 800, untilMs: 6000, count: 'minority' } },
  };
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

async function main(): Promise<void> {
  const from = arg('from', 2000);
  const count = arg('count', 500);
  console.log(`CP register + membership (sim-fast) under the random nemesis: seeds ${from}..${from + count - 1}`);
  const started = Date.now();
  const failed: string[] = [];
  let ops = 0;
  for (let seed = from; seed < from + count; seed++) {
    try {
      const result = await runExperiment(membershipNemesisRun(seed));
      ops += result.summary.ok;
      if (result.linearizability.verdict !== 'linearizable') failed.push(`seed ${seed}: ${result.linearizability.verdict}`);
    } catch (error) {
      failed.push(`seed ${seed}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if ((seed - from + 1) % 50 === 0) console.log(`  ${seed - from + 1} seeds run, ${failed.length} failed, ${Math.round((Date.now() - started) / 1000)} s`);
  }
  for (const f of failed) console.log(`  FAILED ${f}`);
  console.log(`seeds run: ${count}, passed: ${count - failed.length}, failed: ${failed.length}; ${ops} ok operations; ${Math.round((Date.now() - started) / 1000)} s`);
  if (failed.length > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
