import { siblingModule } from '@faultline/runtime';
import type { Address, NodeId } from '@faultline/core';
import type { Demo, DemoContext } from '../demo.ts';
import { BACKENDS, MODEL_REQUESTS, tailLatencyInfo } from './tail-latency-info.ts';
import { readNumber } from '../demo-options.ts';
import { quantile, renderHistogram } from '../render/histogram.ts';
import { expectedTailShare, FANOUTS } from './backend-latency.ts';
import { BackEnd, FrontEnd, type FanoutBatch, type FanoutReport } from './fanout-actors.ts';
import { measureFanoutModel } from './fanout-model.ts';

const ACTOR_MODULES = [siblingModule(import.meta.url, './fanout-actors.ts')];
export { MODEL_REQUESTS };

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function batch(context: DemoContext, frontEnd: Address, spec: FanoutBatch): Promise<FanoutReport> {
  const outcome = await context.cluster.ask<FanoutReport>(frontEnd, spec, { timeoutMs: 600_000 });
  if (outcome.status !== 'ok') throw new Error(`the front end did not report: ${outcome.status}`);
  return outcome.value;
}

/** `faultline demo tail-latency`: fan-out turns the back ends' rare p99 into the front end's common case. */
export const tailLatencyDemo: Demo = {
  ...tailLatencyInfo,
  actorModules: ACTOR_MODULES,
  async run(context) {
    const { cluster, out } = context;
    const width = readNumber(context.options, 'n', 100);
    const requests = readNumber(context.options, 'requests', 300);
    const [front, ...rest] = cluster.nodes as NodeId[];
    const backends: Address[] = [];
    for (let i = 0; i < BACKENDS; i++) backends.push(await cluster.spawn(rest[i % rest.length] as NodeId, `backend-${i}`, BackEnd, undefined));
    const frontEnd = await cluster.spawn(front as NodeId, 'frontend', FrontEnd, undefined);
    out(`A front end on ${front} fans each request out to N of ${BACKENDS} back ends and waits for all N.`);
    out('Each back end answers after a lognormal service time (median 4 ms, p99 about 20 ms), plus ~1 ms of network each way.\n');

    const calibration = await batch(context, frontEnd, { backends, fanout: 1, requests: 2000, concurrency: 50 });
    const p99 = quantile(calibration.callMs, 0.99);
    const p95 = quantile(calibration.callMs, 0.95);
    const p50 = quantile(calibration.callMs, 0.5);
    out(`Single calls, measured over ${calibration.callMs.length}: p50 ${ms(p50)}, p95 ${ms(p95)}, p99 ${ms(p99)}.\n`);

    const modelRequests = readNumber(context.options, 'model', MODEL_REQUESTS);
    const model = measureFanoutModel(cluster.seed, modelRequests);
    out(`Share of requests slower than the back ends' p99, by fan-out width N:`);
    out(`     N   actors (${requests} requests)   model (${modelRequests / 1000}k requests)   1 − 0.99^N`);
    for (const [i, fanout] of FANOUTS.entries()) {
      const run = await batch(context, frontEnd, { backends, fanout, requests, concurrency: 20 });
      const slow = run.requestMs.filter((t) => t > p99).length;
      const tail = model.tails[i];
      out(`${String(fanout).padStart(6)}   ${`${pct(slow / run.requestMs.length)} (${slow})`.padStart(20)}   ${`${pct(tail?.share ?? NaN)} (${tail?.slow})`.padStart(22)}   ${pct(expectedTailShare(fanout)).padStart(10)}`);
    }
    out(`The model draws the same service-time distribution with the simulator's sampler (its p99 ${ms(model.backendP99)}`);
    out(`from ${model.calibrationCalls / 1000}k draws): a request is as slow as its slowest call, so it escapes the tail only if all N do.\n`);

    out(`Hedged requests at N = ${width}: when a call has not answered after the p95 (${ms(p95)}), send a copy to another replica.`);
    const plain = await batch(context, frontEnd, { backends, fanout: width, requests, concurrency: 20 });
    const hedged = await batch(context, frontEnd, { backends, fanout: width, requests, concurrency: 20, hedgeAfterMs: p95 });
    const row = (label: string, r: FanoutReport) =>
      `  ${label.padEnd(8)} p50 ${ms(quantile(r.requestMs, 0.5)).padStart(8)}   p99 ${ms(quantile(r.requestMs, 0.99)).padStart(8)}   messages ${String(r.messages).padStart(7)}   hedges ${r.hedges}`;
    out(row('plain', plain));
    out(row('hedged', hedged));
    const cut = 1 - quantile(hedged.requestMs, 0.99) / quantile(plain.requestMs, 0.99);
    out(`  Hedging cut the fan-out p99 by ${pct(cut)} for ${pct(hedged.messages / plain.messages - 1)} more messages.\n`);

    out(`Latency histogram, single calls (${calibration.callMs.length}):`);
    for (const line of renderHistogram(calibration.callMs)) out(line);
    out(`\nLatency histogram, fan-out N = ${width} requests without hedging (${plain.requestMs.length}):`);
    for (const line of renderHistogram(plain.requestMs)) out(line);
    out(`\nLatency histogram, fan-out N = ${width} requests with hedging (${hedged.requestMs.length}):`);
    for (const line of renderHistogram(hedged.requestMs)) out(line);
    return 0;
  },
};
