import { siblingModule } from '@faultline/runtime';
import type { Demo } from '../demo.ts';
import { transferInfo } from './transfer-info.ts';
import { readNumber } from '../demo-options.ts';
import { moneyLine, runScene, TRANSFER_SCENES } from './transfer-scenes.ts';
import { ConfigError } from '@faultline/core';
import { SceneLog } from '../scene-log.ts';
import { replaySweepSeed } from './sweep-replay.ts';
import { runSweepSeed, SWEEP_ACCOUNT, sweepSeeds, type SweepRun } from './transfer-sweep.ts';

const ACTOR_MODULES = ['./account.ts', './naive-teller.ts', './careful-teller.ts'].map((m) => siblingModule(import.meta.url, m));

/** `faultline demo transfer`: what a timeout can mean, and a transfer protocol that survives all of it. */
export const transferDemo: Demo = {
  ...transferInfo,
  actorModules: ACTOR_MODULES,
  async run(context) {
    const { cluster, out } = context;
    const sweepSeed = context.options.get('sweep-seed');
    if (sweepSeed !== undefined) {
      if (cluster.runtime !== 'sim') throw new ConfigError('--sweep-seed', sweepSeed, 'replays a sweep run, and the sweep runs in the simulator: use --runtime sim');
      if (context.options.has('runs')) throw new ConfigError('--runs', context.options.get('runs'), 'cannot be given with --sweep-seed (which replays one run of a sweep)');
      return replaySweepSeed(context, Number(sweepSeed));
    }
    const [t, a, b] = cluster.nodes;
    out(`A teller on ${t} moves $100 from account A on ${a} to account B on ${b}; each starts with $1000.`);
    out('naive:   debit A; if that times out, assume it failed; then credit B, retrying the credit on timeout.');
    out('careful: write a transfer record first; debit and credit carry idempotency keys; retry each until a definite');
    out('         answer; after a crash, ask A whether the debit happened (the query fences it if not).\n');
    let carefulBroke = 0;
    for (const [i, scene] of TRANSFER_SCENES.entries()) {
      out(`━━ ${i + 1}. ${scene.title}`);
      for (const protocol of ['naive', 'careful'] as const) {
        const log = new SceneLog(context, `${i + 1}-${protocol}`, `${scene.title} — the ${protocol} teller`);
        const r = await runScene(context, scene, i + 1, protocol, log);
        if (protocol === 'careful' && r.a + r.b !== 2000) carefulBroke++;
        log.out(`  ${protocol.padEnd(8)} verdict ${r.verdict}; ${moneyLine(r.a, r.b, 2000)}`);
        for (const line of r.lines) log.out(`           ${line}`);
        log.end();
      }
      out('');
    }
    const runs = readNumber(context.options, 'runs', 50);
    if (runs > 0) {
      out(`━━ ${runs} seeded runs of random faults, each protocol (always in the simulator: a fresh cluster per seed)`);
      out(`   up to 30 % loss, a one-way cut (70 % of runs), a crash and restart (50 %); 3 transfers; ${SWEEP_ACCOUNT.slowShare * 100} % of operations take ${SWEEP_ACCOUNT.slowMs} ms`);
      const broken: Record<'naive' | 'careful', SweepRun[]> = { naive: [], careful: [] };
      for (const seed of sweepSeeds(cluster.seed, runs)) {
        for (const protocol of ['naive', 'careful'] as const) {
          const run = await runSweepSeed(seed, protocol);
          if (run.total !== run.expected) broken[protocol].push(run);
        }
      }
      out(`   naive broke the money invariant in ${broken.naive.length} of ${runs} runs; careful in ${broken.careful.length} of ${runs}.`);
      for (const run of broken.naive.slice(0, 3)) out(`   e.g. seed ${run.seed}: ${run.faults} -> total ${run.total} (${run.verdicts.join(', ')})`);
      const example = broken.naive[0] ?? broken.careful[0];
      if (example) out(`   replay one run, with its report: faultline demo transfer --sweep-seed ${example.seed} --report`);
      carefulBroke += broken.careful.length;
    }
    out('\nA timeout says only "I do not know". The naive teller reads it as "it failed" (and destroys money when it');
    out('had not) or retries a non-idempotent credit (and creates money). Keys make a retry safe; the durable record');
    out('and the outcome query let a restarted teller find out instead of guessing.');
    return carefulBroke === 0 ? 0 : 1;
  },
};
