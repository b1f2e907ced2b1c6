// Runs only the `faultline-test-2-workers` rows: npx tsx --conditions=@faultline/source packages/bench/src/hunt-row.ts
import { huntRows } from './seeds-bench.ts';

for (const r of await huntRows()) {
  console.log(`${r.name} ${r.value.toFixed(2)} ${r.unit}, baseline ${r.baseline.toFixed(2)} (${r.baselineName}), ratio ${r.ratio.toFixed(3)}${r.target ? `, target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : ''}`);
}
