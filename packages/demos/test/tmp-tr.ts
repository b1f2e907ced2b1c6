import { runSweepSeed, sweepSeeds } from '../src/transfer/transfer-sweep.ts';
const t0 = Date.now();
let broken = { naive: 0, careful: 0 };
for (const seed of sweepSeeds(1, 40)) {
  for (const p of ['naive', 'careful'] as const) {
    const r = await runSweepSeed(seed, p);
    if (r.total !== r.expected) { broken[p]++; console.log(p, seed, r.total, r.faults, r.verdicts.join(',')); }
  }
}
console.log(broken, Date.now() - t0, 'ms');
