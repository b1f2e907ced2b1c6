/**
 * Benchmarks of the NATS runtime: tell throughput and ask RTT between two node processes, each
 * against the raw NATS client between two plain processes (publish/subscribe with the same
 * batching, request/reply), measured in the same run through the same nats-server. Needs nats-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pack, unpack } from 'msgpackr';
import { NatsCluster } from '@faultline/runtime';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '@faultline/runtime/nats-testing';
import { quantile } from './raw/raw-bench.ts';
import type { BenchResult } from './result.ts';
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
  const cluster = await NatsCluster.start({ seed: 1, nodes: ['a', 'b'], cluster: 'bench', nats: { servers: server.url }, modules: [WORKER_ACTORS] });
  try {
    const sink = await cluster.spawn('b', 'sink', BenchSink, undefined);
    const source = await cluster.spawn('a', 'source', BenchSource, undefined);
    const echo = await cluster.spawn('b', 'echo', BenchEcho, undefined);
    const pinger = await cluster.spawn('a', 'pinger', BenchPinger, undefined);
    await tellRun(cluster, source, sink, Math.min(n, 50_000), chunk, 'nats tell warm-up'); // warm both processes' JITs
    await raw.throughput(Math.min(n, 50_000), chunk);
    const tells: number[] = [];
    const raws: number[] = [];
    for (let r = 0; r < reps; r++) {
      raws.push(n / (await raw.throughput(n, chunk)));
      tells.push(n / (await tellRun(cluster, source, sink, n, chunk, 'nats tell run')));
    }
    const rtt: number[] = [];
    const rawRtt: number[] = [];
    const perRep = Math.ceil(rounds / reps);
    for (let r = 0; r < reps; r++) {
      rawRtt.push(...(await raw.roundTrips(perRep, warmup)));
      const asked = await cluster.ask<number[]>(pinger, { to: echo, rounds: perRep, warmup }, { timeoutMs: 600_000 });
      if (asked.status !== 'ok') throw new Error(`nats ask-rtt run ended ${asked.status}`);
      rtt.push(...asked.value);
    }
    rtt.sort((x, y) => x - y);
    rawRtt.sort((x, y) => x - y);
    const peers = '2 plain processes, same nats-server';
    return [
      result('nats-tell-throughput', median(tells), median(raws), 'msg/s', `raw NATS pub/sub, msgpack {i} × ${chunk} per message, ${peers}`, 'ratio >= 0.8', (x) => x >= 0.8),
      result('nats-ask-rtt-p50', quantile(rtt, 0.5), quantile(rawRtt, 0.5), 'µs', `raw NATS request/reply, ${peers}`, 'ratio <= 1.3', (x) => x <= 1.3),
      result('nats-ask-rtt-p99', quantile(rtt, 0.99), quantile(rawRtt, 0.99), 'µs', `raw NATS request/reply, ${peers}`),
    ];
  } finally {
    await cluster.shutdown();
    await raw.close();
    await server.stop();
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
    await Promise.all(children.map((c) => new Promise<void>((resolve, reject) => {
      c.stdout?.once('data', () => resolve());
      c.once('exit', (code) => reject(new Error(`raw NATS peer exited with ${code}`)));
    })));
    return new RawPeers(await connect({ servers: url }), children);
  }

  /** Seconds from the source's first publish to the sink counting the n-th message. */
  async throughput(n: number, chunk: number): Promise<number> {
    await this.call('b', { arm: n });
    const started = await this.call<number>('a', { n, chunk });
    const ended = await this.call<number>('b', 'done');
    return (ended - started) / 1000;
  }

  roundTrips(rounds: number, warmup: number): Promise<number[]> {
    return this.call<number[]>('a', { rounds, warmup });
  }

  async close(): Promise<void> {
    await this.nc.close();
    for (const c of this.children) c.kill('SIGTERM');
  }

  private async call<T>(side: string, message: unknown): Promise<T> {
    const reply = await this.nc.request(`rawbench.${side}.ctl`, pack(message), { timeout: 600_000 });
    return unpack(reply.data) as T;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await natsBenches()) {
    console.log(`${r.name.padEnd(22)} ${r.value.toFixed(1).padStart(12)} ${r.unit.padEnd(6)} baseline ${r.baseline.toFixed(1).padStart(12)}  ratio ${r.ratio.toFixed(3)}${r.target ? `  target ${r.target}: ${r.met ? 'met' : 'NOT met'}` : ''}`);
  }
}
