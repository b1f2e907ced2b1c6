/**
 * Benchmarks of the NATS runtime: tell throughput and ask RTT between two node processes, each
 * against the raw NATS client between two plain processes (publish/subscribe with the same
 * batching, request/reply), measured in the same run through the same nats-server. Needs nats-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pack, unpack } from 'msgpackr';
import type { Address } from '@faultline/core';
import { NatsCluster } from '@faultline/runtime';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '@faultline/runtime/nats-testing';
import { quantile } from './raw/raw-bench.ts';
import type { BenchResult } from './result.ts';
import { BenchStallError, STALL_MS, withDeadline } from './stall.ts';
import { BenchEcho, BenchPinger, BenchSink, BenchSource, median, result, tellRun } from './workers-bench.ts';

const WORKER_ACTORS = new URL('./workers-bench.ts', import.meta.url).href;
const RAW_PEER = new URL('./raw/raw-nats-peer.mjs', import.meta.url).pathname;

/** Sizes of one run: defaults keep it to tens of seconds on a shared machine. */
export interface NatsBenchOptions {
  readonly messages?: number;
  readonly chunk?: number;
  readonly rounds?: number;
  readonly warmup?: number;
  readonly repetitions?: number;
}

export async function natsBenches(options: NatsBenchOptions = {}): Promise<BenchResult[]> {
  if (!findNatsServer()) {
    console.log(NATS_SKIP_REASON);
    return [];
  }
  const n = options.messages ?? 200_000;
  const chunk = options.chunk ?? 1024;
  const rounds = options.rounds ?? 3_000;
  const warmup = options.warmup ?? 300;
  const reps = options.repetitions ?? 3;
  const server = await NatsServer.start();
  const raw = await RawPeers.start(server.url);
  // The same two nodes twice, without and with the cluster key (sealed frames, control and reports:
  // issue 20), so the checks' cost is a ratio measured in this run, against the same raw client.
  const open = await ClusterUnderTest.start(server.url, 'bench', undefined);
  const sealed = await ClusterUnderTest.start(server.url, 'benchsealed', { key: new Uint8Array(randomBytes(32)) });
  try {
    await open.tells(Math.min(n, 50_000), chunk); // warm every process's JIT
    await sealed.tells(Math.min(n, 50_000), chunk);
    await raw.throughput(Math.min(n, 50_000), chunk);
    const tells: number[] = [];
    const sealedTells: number[] = [];
    const raws: number[] = [];
    for (let r = 0; r < reps; r++) {
      raws.push(n / (await raw.throughput(n, chunk)));
      tells.push(n / (await open.tells(n, chunk)));
      sealedTells.push(n / (await sealed.tells(n, chunk)));
    }
    const rtt: number[] = [];
    const sealedRtt: number[] = [];
    const rawRtt: number[] = [];
    const perRep = Math.ceil(rounds / reps);
    for (let r = 0; r < reps; r++) {
      rawRtt.push(...(await raw.roundTrips(perRep, warmup)));
      rtt.push(...(await open.roundTrips(perRep, warmup)));
      sealedRtt.push(...(await sealed.roundTrips(perRep, warmup)));
    }
    for (const list of [rtt, sealedRtt, rawRtt]) list.sort((x, y) => x - y);
    const peers = '2 plain processes, same nats-server';
    return [
      result('nats-tell-throughput', median(tells), median(raws), 'msg/s', `raw NATS pub/sub, msgpack {i} × ${chunk} per message, ${peers}`, 'ratio >= 0.8', (x) => x >= 0.8),
      result('nats-ask-rtt-p50', quantile(rtt, 0.5), quantile(rawRtt, 0.5), 'µs', `raw NATS request/reply, ${peers}`, 'ratio <= 1.3', (x) => x <= 1.3),
      result('nats-ask-rtt-p99', quantile(rtt, 0.99), quantile(rawRtt, 0.99), 'µs', `raw NATS request/reply, ${peers}`),
      result('nats-sealed-tell-throughput', median(sealedTells), median(raws), 'msg/s', `raw NATS pub/sub, ${peers}; cluster key on (seal v2: MAC + sequence + window)`),
      result('nats-sealed-ask-rtt-p50', quantile(sealedRtt, 0.5), quantile(rawRtt, 0.5), 'µs', `raw NATS request/reply, ${peers}; cluster key on`),
      result('nats-sealed-vs-open-tell', median(sealedTells), median(tells), 'msg/s', 'the same cluster without a key, same run', 'ratio >= 0.7', (x) => x >= 0.7),
      result('nats-sealed-vs-open-ask-p50', quantile(sealedRtt, 0.5), quantile(rtt, 0.5), 'µs', 'the same cluster without a key, same run', 'ratio <= 1.3', (x) => x <= 1.3),
    ];
  } finally {
    await open.shutdown();
    await sealed.shutdown();
    await raw.close();
    await server.stop();
  }
}

/** Two NATS node processes with a source, a sink, a pinger and an echo: what the rows measure. */
class ClusterUnderTest {
  private readonly cluster: NatsCluster;
  private readonly actors: { source: Address; sink: Address; pinger: Address; echo: Address };

  private constructor(cluster: NatsCluster, actors: { source: Address; sink: Address; pinger: Address; echo: Address }) {
    this.cluster = cluster;
    this.actors = actors;
  }

  static async start(url: string, name: string, auth: { key: Uint8Array } | undefined): Promise<ClusterUnderTest> {
    const cluster = await NatsCluster.start({ seed: 1, nodes: ['a', 'b'], cluster: name, nats: { servers: url }, modules: [WORKER_ACTORS], ...(auth ? { auth } : {}) });
    const sink = await cluster.spawn('b', 'sink', BenchSink, undefined);
    const source = await cluster.spawn('a', 'source', BenchSource, undefined);
    const echo = await cluster.spawn('b', 'echo', BenchEcho, undefined);
    const pinger = await cluster.spawn('a', 'pinger', BenchPinger, undefined);
    return new ClusterUnderTest(cluster, { source, sink, pinger, echo });
  }

  /** Seconds for n tells from a to b; a stall fails fast naming `stage`. */
  tells(n: number, chunk: number, stage = 'nats tell run'): Promise<number> {
    return tellRun(this.cluster, this.actors.source, this.actors.sink, n, chunk, stage);
  }

  async roundTrips(rounds: number, warmup: number): Promise<number[]> {
    // A ping unanswered in 5 s fails the pinger's run (its own timeout), so this ends long before its guard.
    const asked = await this.cluster.ask<number[]>(this.actors.pinger, { to: this.actors.echo, rounds, warmup }, { timeoutMs: 600_000 });
    if (asked.status !== 'ok') throw new BenchStallError('nats ask-rtt', `the pinger's run ended ${asked.status}`);
    return asked.value;
  }

  shutdown(): Promise<void> {
    return this.cluster.shutdown();
  }
}

/** The two raw peer processes and the bench's own connection that drives them. */
class RawPeers {
  private readonly nc: NatsConnection;
  private readonly children: ChildProcess[];

  private constructor(nc: NatsConnection, children: ChildProcess[]) {
    this.nc = nc;
    this.children = children;
  }

  static async start(url: string): Promise<RawPeers> {
    const children = ['a', 'b'].map((side) => spawn(process.execPath, [RAW_PEER, url, side, 'rawbench'], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const ready = Promise.all(children.map((c) => new Promise<void>((resolve, reject) => {
      c.stdout?.once('data', () => resolve());
      c.once('exit', (code) => reject(new Error(`raw NATS peer exited with ${code}`)));
    })));
    try {
      await withDeadline('raw nats: start peers', ready, 30_000, 'the raw NATS peers were not ready');
    } catch (error) {
      for (const c of children) c.kill('SIGTERM');
      throw error;
    }
    return new RawPeers(await connect({ servers: url }), children);
  }

  /**
   * Seconds from the source's first publish to the sink counting the n-th message. Raw NATS has no
   * flow control: a sink that stops counting (the server dropped a slow consumer's messages) fails
   * the stage within STALL_MS, naming it, rather than waiting out the guard.
   */
  async throughput(n: number, chunk: number, stage = 'raw nats throughput'): Promise<number> {
    await this.call('b', { arm: n }, STALL_MS);
    const started = await this.call<number>('a', { n, chunk }, STALL_MS);
    let counted = -1;
    for (;;) {
      try {
        return ((await this.call<number>('b', 'done', STALL_MS)) - started) / 1000;
      } catch (error) {
        if (!/timeout/i.test(String(error))) throw error;
      }
      const count = await this.call<number>('b', 'count', STALL_MS);
      if (count <= counted) throw new BenchStallError(stage, `the raw sink counted ${count} of ${n} messages and no more in ${STALL_MS / 1000} s`);
      counted = count;
    }
  }

  async roundTrips(rounds: number, warmup: number): Promise<number[]> {
    const samples = await this.call<number[] | { error: string }>('a', { rounds, warmup });
    if (!Array.isArray(samples)) throw new BenchStallError('raw nats ask-rtt', samples.error);
    return samples;
  }

  async close(): Promise<void> {
    await this.nc.close();
    for (const c of this.children) c.kill('SIGTERM');
  }

  /** A control request to one raw peer; the long default only guards runs that report their own failures (the RTT run). */
  private async call<T>(side: string, message: unknown, timeout = 600_000): Promise<T> {
    const reply = await this.nc.request(`rawbench.${side}.ctl`, pack(message), { timeout });
    return unpack(reply.data) as T;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await natsBenches()) {
    console.log(`${r.name.padEnd(22)} ${r.value.toFixed(1).padStart(12)} ${r.unit.padEnd(6)} baseline ${r.baseline.toFixed(1).padStart(12)}  ratio ${r.ratio.toFixed(3)}${r.target ? `  target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : ''}`);
  }
}
