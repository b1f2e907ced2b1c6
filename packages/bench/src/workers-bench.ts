/**
 * Benchmarks of the worker_threads runtime, each against a raw baseline measured in the same run
 * (bare workers in ./raw: batched msgpack over a MessagePort, no actors). Run directly with tsx to print them.
 */
import { isMainThread } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { defineActor, type Address } from '@faultline/core';
import { diffMessageStats, WorkerCluster, type Cluster } from '@faultline/runtime';
import { codecCeiling } from './raw/codec-ceiling.ts';
import { median } from './median.ts';
import { quantile, rawRoundTrips, rawThroughput } from './raw/raw-bench.ts';
import type { BenchResult } from './result.ts';
import { BenchStallError, STALL_MS } from './stall.ts';

/** Sizes of one bench run; the defaults are the issue's (1M tells; RTT quantiles over 20k asks). */
export interface WorkerBenchOptions {
  readonly messages?: number;
  /** Tells sent per event-loop turn, by the actor and by the raw sender alike. */
  readonly chunk?: number;
  readonly rounds?: number;
  readonly warmup?: number;
  /** Runs of each measurement (interleaved with its baseline's, against a shared machine's noise). */
  readonly repetitions?: number;
}

/**
 * Counts `{ i }` tells. `{ arm: n }` resets the count and expects n; `'done'` is answered with the node's
 * time when the n-th arrived (at once if it already has). Arming is its own ask so no tell can be
 * counted before it: tells from another node may overtake a driver message on a different port.
 */
export const BenchSink = defineActor<{ i: number } | { arm: number } | 'done' | 'count', void>({
  kind: 'bench.sink',
  setup(ctx) {
    let count = 0;
    let expected = Infinity;
    let doneAt: number | undefined;
    let waiting: ((at: number) => void) | undefined;
    return {
      receive(m) {
        if (m === 'done') return doneAt ?? new Promise<number>((resolve) => { waiting = resolve; });
        if (m === 'count') return count;
        if ('arm' in m) {
          count = 0;
          expected = m.arm;
          doneAt = undefined;
          return true;
        }
        if (++count === expected) {
          doneAt = ctx.now();
          waiting?.(doneAt);
          waiting = undefined;
        }
        return undefined;
      },
    };
  },
});

/** On `{ to, n, chunk }`: answers its start time, then tells `to` n `{ i }` messages, `chunk` per turn (continuing by a self-tell). */
export const BenchSource = defineActor<{ to: Address; n: number; chunk: number } | 'more', void>({
  kind: 'bench.source',
  setup(ctx) {
    let job: { to: Address; n: number; chunk: number } | undefined;
    let i = 0;
    const turn = () => {
      if (!job) return;
      const end = Math.min(job.n, i + job.chunk);
      for (; i < end; i++) ctx.send(job.to, { i });
      if (i < job.n) ctx.send(ctx.self, 'more');
      else job = undefined;
    };
    return {
      receive(m) {
        if (m === 'more') return turn();
        job = m;
        i = 0;
        const startAt = ctx.now();
        turn();
        return startAt;
      },
    };
  },
});

/** On `{ to, rounds, warmup }`: asks `to` one message at a time and answers every round trip's time in µs. */
export const BenchPinger = defineActor<{ to: Address; rounds: number; warmup: number }, void>({
  kind: 'bench.pinger',
  setup(ctx) {
    return {
      async receive(m) {
        const samples: number[] = [];
        for (let i = 0; i < m.warmup + m.rounds; i++) {
          const sentAt = ctx.now();
          const outcome = await ctx.ask(m.to, { i }, { timeoutMs: 5_000 });
          if (outcome.status !== 'ok') throw new Error(`ping ${i} ended ${outcome.status}`);
          if (i >= m.warmup) samples.push((ctx.now() - sentAt) * 1000);
        }
        return samples;
      },
    };
  },
});

/** Answers every ask with what it got. */
export const BenchEcho = defineActor<unknown, void>({
  kind: 'bench.echo',
  setup: () => ({ receive: (m) => m }),
});

/** Runs the worker-runtime benches and their raw baselines, interleaved, `repetitions` times each; reports medians. */
export async function workerBenches(options: WorkerBenchOptions = {}): Promise<BenchResult[]> {
  const n = options.messages ?? 1_000_000;
  const chunk = options.chunk ?? 1024;
  const rounds = options.rounds ?? 20_000;
  const warmup = options.warmup ?? 2_000;
  const reps = options.repetitions ?? 3;
  const cluster = await WorkerCluster.start({ seed: 1, nodes: ['a', 'b'], modules: [import.meta.url] });
  try {
    const sink = await cluster.spawn('b', 'sink', BenchSink, undefined);
    const source = await cluster.spawn('a', 'source', BenchSource, undefined);
    const echo = await cluster.spawn('b', 'echo', BenchEcho, undefined);
    const pinger = await cluster.spawn('a', 'pinger', BenchPinger, undefined);

    await tellRun(cluster, source, sink, Math.min(n, 100_000), chunk, 'tell-throughput warm-up'); // warm up both threads' JITs
    await rawThroughput(Math.min(n, 100_000), chunk, 'raw tell-throughput warm-up');
    const tells: number[] = [];
    const raws: number[] = [];
    for (let r = 0; r < reps; r++) {
      raws.push((await rawThroughput(n, chunk, `raw tell-throughput run ${r + 1}`)).perSecond);
      tells.push(n / (await tellRun(cluster, source, sink, n, chunk, `tell-throughput run ${r + 1}`)));
    }

    const rawRtt: number[] = [];
    const rtt: number[] = [];
    const perRep = Math.ceil(rounds / reps);
    for (let r = 0; r < reps; r++) {
      rawRtt.push(...(await rawRoundTrips(perRep, warmup, `raw ask-rtt run ${r + 1}`)));
      // A ping that is not answered in 5 s fails the pinger's run (its own timeout), so this ends long before its guard.
      const asked = await cluster.ask<number[]>(pinger, { to: echo, rounds: perRep, warmup }, { timeoutMs: 300_000 });
      if (asked.status !== 'ok') throw new BenchStallError('ask-rtt', `the pinger's run ended ${asked.status}`);
      rtt.push(...asked.value);
    }
    rawRtt.sort((x, y) => x - y);
    rtt.sort((x, y) => x - y);
    const codec = codecCeiling(Math.min(n, 500_000), chunk);

    const ports = '2 bare workers (./raw)';
    return [
      result('tell-throughput', median(tells), median(raws), 'msg/s', `raw batched MessagePort, msgpack {i}, ${ports}`, 'ratio >= 0.7', (x) => x >= 0.7),
      result('ask-rtt-p50', quantile(rtt, 0.5), quantile(rawRtt, 0.5), 'µs', `raw MessagePort ping-pong, ${ports}`, 'ratio <= 1.3', (x) => x <= 1.3),
      result('ask-rtt-p99', quantile(rtt, 0.99), quantile(rawRtt, 0.99), 'µs', `raw MessagePort ping-pong, ${ports}`),
      result('tell-codec-ceiling', codec.envelopesPerSecond, codec.rawPerSecond, 'msg/s', 'one thread: msgpack {i} encode+batch+decode'),
    ];
  } finally {
    await cluster.shutdown();
  }
}

/**
 * One end-to-end tell run: from the source's first send to the sink counting the last message, in
 * seconds. Fails fast with a BenchStallError naming `stage` when the sink stops counting (a lost
 * tell would otherwise leave the `done` ask waiting forever).
 */
export async function tellRun(cluster: Cluster, source: Address, sink: Address, n: number, chunk: number, stage = 'tell run'): Promise<number> {
  const key = `${source.node}->${sink.node}`;
  const before = await cluster.messageStats();
  const armed = await cluster.ask(sink, { arm: n }, { timeoutMs: STALL_MS });
  if (armed.status !== 'ok') throw new BenchStallError(stage, `arming the sink ended ${armed.status}`);
  const started = await cluster.ask<number>(source, { to: sink, n, chunk }, { timeoutMs: STALL_MS });
  if (started.status !== 'ok') throw new BenchStallError(stage, `starting the source ended ${started.status}`);
  let counted = -1;
  for (;;) {
    const ended = await cluster.ask<number>(sink, 'done', { timeoutMs: STALL_MS });
    if (ended.status === 'ok') {
      // An idle network with no fault configured loses nothing (issue 27): a run that dropped any tell fails, named.
      const d = diffMessageStats(before, await cluster.messageStats());
      if (d.total.dropped > 0 || (d.links[key]?.delivered ?? 0) < n) {
        throw new BenchStallError(stage, `${n} tells arrived but ${d.total.dropped} messages were dropped (${JSON.stringify(d.total.dropReasons ?? {})}); ${key}: ${JSON.stringify(d.links[key])}`);
      }
      return (ended.value - started.value) / 1000;
    }
    const count = await cluster.ask<number>(sink, 'count', { timeoutMs: STALL_MS });
    if (count.status !== 'ok') throw new BenchStallError(stage, `the sink does not answer (${count.status})`);
    if (count.value <= counted) {
      const links = (await cluster.messageStats()).links;
      // Every link into the sink that dropped, too: a drop counted against another link (or `?`, an unknown sender) is named here.
      const into = Object.entries(links).filter(([key, c]) => key.endsWith(`->${sink.node}`) && c.dropped > 0).map(([key, c]) => `${key}: ${JSON.stringify(c)}`);
      throw new BenchStallError(stage, `the sink counted ${count.value} of ${n} tells and no more in ${STALL_MS / 1000} s; ${source.node}->${sink.node}: ${JSON.stringify(links[`${source.node}->${sink.node}`])}${into.length > 0 ? `; dropped into ${sink.node}: ${into.join(', ')}` : ''}`);
    }
    counted = count.value;
  }
}

export { median } from './median.ts';

export function result(name: string, value: number, baseline: number, unit: string, baselineName: string, target?: string, meets?: (ratio: number) => boolean): BenchResult {
  const ratio = value / baseline;
  return { name, value, unit, baseline, baselineName, ratio, ...(target && meets ? { target, met: meets(ratio) } : {}) };
}

if (isMainThread && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await workerBenches()) {
    console.log(`${r.name.padEnd(16)} ${r.value.toFixed(1).padStart(12)} ${r.unit.padEnd(6)} baseline ${r.baseline.toFixed(1).padStart(12)}  ratio ${r.ratio.toFixed(3)}${r.target ? `  target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : ''}`);
  }
}
