import { siblingModule } from '@faultline/runtime';
import { createRng } from '@faultline/core';
import type { Demo } from '../demo.ts';
import { twoGeneralsInfo } from './two-generals-info.ts';
import { readNumber } from '../demo-options.ts';
import { renderSequence } from '../render/sequence.ts';
import { endingProbabilities, explore } from './exhaustive.ts';
import { type Ending } from './protocol.ts';
import { sampleRun, type SampledRun } from './sampled.ts';

const KS = [0, 1, 2, 3, 4];
const TABLE_PS = [0.01, 0.1, 0.3, 0.5];
const ENDINGS: readonly Ending[] = ['both attack', 'both hold', 'A alone', 'B alone'];
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** Numbers each messenger by its place in the chain (m#1, m#2, …) for the diagram. */
function labelled(run: SampledRun): SampledRun['trace'] {
  const order = new Map<string, number>();
  const key = (e: SampledRun['trace'][number]) => `${e.from}:${e.id}`;
  for (const e of run.trace) if (e.ev === 'send' && !order.has(key(e))) order.set(key(e), order.size + 1);
  return run.trace.map((e) => ({ ...e, kind: 'm', id: order.get(key(e)) ?? 0 }));
}

/** `faultline demo two-generals`: no number of acknowledgements makes an attack certain over a lossy link. */
export const twoGeneralsDemo: Demo = {
  ...twoGeneralsInfo,
  actorModules: [siblingModule(import.meta.url, './general.ts')],
  async run(context) {
    const { cluster, out } = context;
    const p = readNumber(context.options, 'p', 0.1);
    const samples = readNumber(context.options, 'samples', 200);
    out('General A must attack only if B attacks too. A sends the order by messenger; each messenger that');
    out('arrives is answered by one going back. Protocol k: attack after k acknowledgements, i.e. a general');
    out('attacks at dawn iff it received every one of messengers 1…k+1 addressed to it.\n');

    out('Exhaustive search over loss patterns (each messenger delivered or lost):');
    for (const k of KS) {
      const runs = explore(k);
      const distinct = new Map<string, (typeof runs)[number]>();
      for (const r of runs) distinct.set(r.lost.slice(0, r.sent).map((l) => (l ? 'x' : '.')).join(''), r);
      const counts = ENDINGS.map((e) => `${[...distinct.values()].filter((r) => r.ending === e).length} ${e}`).join(', ');
      const bad = [...distinct.entries()].filter(([, r]) => r.ending === 'A alone' || r.ending === 'B alone');
      const shown = bad.map(([pattern, r]) => `${pattern} -> ${r.ending}`).join('; ');
      out(`  k = ${k}: ${runs.length} patterns, ${distinct.size} distinct runs: ${counts}.  alone: ${shown || 'none'}`);
    }
    out('  (pattern: one mark per messenger sent, "." delivered, "x" lost)\n');

    out(`Sampled runs in the simulator, messengers lost with p = ${p}, ${samples} seeds per k:`);
    const rng = createRng(cluster.seed).derive('two-generals');
    const sampled = new Map<number, number>();
    let example: { k: number; run: SampledRun } | undefined;
    for (const k of KS) {
      const tally: Record<Ending, number> = { 'both attack': 0, 'both hold': 0, 'A alone': 0, 'B alone': 0 };
      for (let i = 0; i < samples; i++) {
        const run = await sampleRun(rng.int(2 ** 31), k, p);
        tally[run.ending]++;
        if ((run.ending === 'A alone' || run.ending === 'B alone') && (!example || example.k < k)) example = { k, run };
      }
      sampled.set(k, tally['both attack'] / samples);
      out(`  k = ${k}: ${ENDINGS.map((e) => `${String(tally[e]).padStart(4)} ${e}`).join('  ')}`);
    }

    out('\nP(coordinated attack) by k and p — from the exhaustive search, each pattern weighted by its probability:');
    out(`   k ${TABLE_PS.map((q) => `p = ${q}`.padStart(10)).join('')}   sampled at p = ${p}`);
    for (const k of KS) {
      const cells = TABLE_PS.map((q) => pct(endingProbabilities(k, q)['both attack']).padStart(10)).join('');
      out(`${String(k).padStart(4)} ${cells}   ${pct(sampled.get(k) ?? NaN).padStart(10)}`);
    }
    out('  and P(one general attacks alone) at the same p:');
    for (const k of KS) {
      const cells = TABLE_PS.map((q) => { const e = endingProbabilities(k, q); return pct(e['A alone'] + e['B alone']).padStart(10); }).join('');
      out(`${String(k).padStart(4)} ${cells}`);
    }

    if (example) {
      out(`\nA sampled run of k = ${example.k} (seed ${example.run.seed}) that ended "${example.run.ending}" (A on n1, B on n2):`);
      for (const line of renderSequence(labelled(example.run))) out(`  ${line}`);
    } else {
      out(`\nNo sampled run ended with a general alone at p = ${p}; the search above still finds one for every k.`);
    }
    out('\nWhy no finite k fixes it: take the run where every messenger arrives, and lose the last one. Its sender');
    out('cannot tell the two runs apart, so it still attacks; its receiver is now missing a messenger, so it holds.');
    out('Making that receiver attack anyway just moves the problem one messenger earlier — by induction down to');
    out('a run with no messenger at all. More acknowledgements only make the bad run rarer, never impossible.');
    return 0;
  },
};
