import { createRng } from '@faultline/core';
import { KvService, MaelstromNet, SimScheduler, type KvServiceName, type MaelstromMessage } from '@faultline/maelstrom';
import { FaultNetwork } from '@faultline/transport';
import { median } from './median.ts';
import type { BenchResult } from './result.ts';
import { result } from './workers-bench.ts';

const WRITES = 8000;
const REPETITIONS = 3;

/** Writes per second to a fresh service: to `WRITES` new keys, or all to one key. */
function writeRate(name: KvServiceName, newKeys: boolean): number {
  const net = new MaelstromNet(new SimScheduler(), new FaultNetwork({ nodes: ['n0'] }, createRng(1)), ['n0']);
  let replies = 0;
  net.send = (_m: MaelstromMessage) => { replies++; };
  const service = new KvService(name, net, createRng(1));
  const start = performance.now();
  for (let i = 0; i < WRITES; i++) service.deliver({ src: 'n0', dest: name, body: { type: 'write', msg_id: i, key: newKeys ? `k${i}` : 'k', value: i } });
  const rate = WRITES / ((performance.now() - start) / 1000);
  if (replies !== WRITES) throw new Error(`${name}: ${replies} replies to ${WRITES} writes`);
  return rate;
}

/**
 * `maelstrom-<service>-new-keys`: 8,000 writes to new keys on a Maelstrom service vs the same
 * service's 8,000 writes to one key (issue 19 item 8: a copy of the whole store per write froze
 * the harness). A cost independent of the number of keys keeps the ratio near 1.
 */
export async function maelstromBenches(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const name of ['seq-kv', 'lww-kv'] as const) {
    const fresh: number[] = [];
    const same: number[] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      fresh.push(writeRate(name, true));
      same.push(writeRate(name, false));
    }
    out.push(result(`maelstrom-${name}-new-keys`, median(fresh), median(same), 'writes/s', `${name}, ${WRITES} writes to one key`, 'ratio >= 0.3', (x) => x >= 0.3));
  }
  return out;
}
