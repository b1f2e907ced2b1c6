// Runs Maelstrom's lin-kv workload on the Raft lin-kv node over seeds in the simulator and prints how many were valid.
// Usage: npx tsx --conditions=@faultline/source packages/raft/scripts/lin-kv-sweep.ts [--seeds 1..20] [--planted local-reads]
import { runMaelstromTest } from '@faultline/maelstrom';
import { raftLinKvProgram } from '../src/index.ts';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const [from, to] = (opt('seeds') ?? '1..20').split('..').map(Number) as [number, number];
const planted = opt('planted') === 'local-reads';
if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) { console.error('--seeds must look like 1..20'); process.exit(64); }
let valid = 0;
for (let seed = from; seed <= to; seed++) {
  const props = planted ? { unsafeLeaderLocalReads: true, config: { checkQuorum: false } } : {};
  const r = await runMaelstromTest({
    workload: 'lin-kv', nodes: { kind: 'in-process', program: raftLinKvProgram(props) }, nodeCount: 5, seed,
    timeLimitMs: 20_000, rate: 40, latencyMs: 5, concurrency: 10, nemesis: ['partition', 'kill'], nemesisIntervalMs: 2000,
  });
  if (r.valid === true) valid++;
  else console.log(`seed ${seed}: ${String(r.valid)}\n  replay: faultline maelstrom test -w lin-kv --program packages/raft/programs/${planted ? 'lin-kv-local-reads' : 'lin-kv'}.mjs --node-count 5 --time-limit 20 --rate 40 --latency 5 --concurrency 10 --nemesis partition,kill --nemesis-interval 2 --seed ${seed}`);
  console.log(`seed ${seed}: ok ${r.stats.ok} fail ${r.stats.fail} info ${r.stats.info}`);
}
console.log(`lin-kv on Raft${planted ? ' (planted local reads)' : ''}: ${valid}/${to - from + 1} seeds valid`);
