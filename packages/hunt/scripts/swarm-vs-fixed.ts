/**
 * Swarm against the fixed uniform mix on the bug corpus (issue 23): per entry, seeds and CPU
 * seconds to the first failure under each, at most 2,000 seeds. The fixed mix is UNIFORM_MIX with
 * the families the scenario allows (every one on, middling intensities).
 * Run: npx tsx --conditions=@faultline/source packages/hunt/scripts/swarm-vs-fixed.ts
 */
import { FAULT_FAMILIES, runSeed, UNIFORM_MIX, type FaultMix } from '../src/index.ts';
import { CORPUS } from '../src/corpus/index.ts';

const MAX_SEEDS = 2000;
const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

async function firstFailure(entry: (typeof CORPUS)[number], mix: FaultMix | undefined): Promise<{ seeds: number; cpu: number; found: boolean }> {
  const start = cpuSeconds();
  for (let seed = 1; seed <= MAX_SEEDS; seed++) {
    const r = await runSeed(entry.broken, { seed, ...(mix ? { mix } : {}) });
    if (r.failure) return { seeds: seed, cpu: cpuSeconds() - start, found: true };
  }
  return { seeds: MAX_SEEDS, cpu: cpuSeconds() - start, found: false };
}

const total = { swarm: { cpu: 0, found: 0 }, fixed: { cpu: 0, found: 0 } };
console.log('| entry | swarm: seeds, CPU-s to first failure | fixed uniform: seeds, CPU-s |\n|---|---|---|');
for (const entry of CORPUS) {
  const fixed: FaultMix = { ...UNIFORM_MIX, families: (entry.broken.families ?? FAULT_FAMILIES).filter((f) => UNIFORM_MIX.families.includes(f)) };
  const s = await firstFailure(entry, undefined);
  const f = await firstFailure(entry, fixed);
  total.swarm.cpu += s.cpu; total.swarm.found += s.found ? 1 : 0;
  total.fixed.cpu += f.cpu; total.fixed.found += f.found ? 1 : 0;
  const cell = (x: typeof s) => (x.found ? `${x.seeds}, ${x.cpu.toFixed(2)} s` : `not in ${MAX_SEEDS} (${x.cpu.toFixed(1)} s)`);
  console.log(`| ${entry.name} | ${cell(s)} | ${cell(f)} |`);
}
const rate = (t: { cpu: number; found: number }) => (t.found / t.cpu).toFixed(3);
console.log(`| all | ${total.swarm.found} found in ${total.swarm.cpu.toFixed(1)} CPU-s (${rate(total.swarm)} bugs/CPU-s) | ${total.fixed.found} found in ${total.fixed.cpu.toFixed(1)} CPU-s (${rate(total.fixed)} bugs/CPU-s) |`);
