import { copyNetStats, type NetStats } from '../net/net-stats.ts';
import type { OpRecord } from './history.ts';

/** Maelstrom-style summary of a run: availability, latencies, message cost. */
export interface RunStats {
  readonly ops: number;
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
  /** Fraction of operations that succeeded. */
  readonly availability: number;
  /** Latency of ok operations in ms at quantiles 0, 0.5, 0.95, 0.99, 1. */
  readonly latency: Quantiles;
  /**
   * Messages between servers (nodes and services) per client operation: Maelstrom's
   * `:net :servers :msgs-per-op` (net/checker.clj), what Gossip Glomers' targets mean.
   */
  readonly msgsPerOp: number;
  /** Every message per client operation: Maelstrom's `:net :all :msgs-per-op`. */
  readonly msgsPerOpAll: number;
  /** The operations those two divide by: every client invocation, final reads included (the same as `ops`). */
  readonly opCount: number;
  readonly net: NetStats;
  /** Operations the generator drew but did not issue because every client was waiting for a reply. */
  readonly skipped?: number;
}

/** Values at quantiles 0, 0.5, 0.95, 0.99 and 1 (null when there is no sample). */
export interface Quantiles {
  readonly min: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** Quantiles of `samples` (nearest rank). */
export function quantiles(samples: readonly number[]): Quantiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (s.length === 0 ? null : round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1 < 0 ? 0 : Math.ceil(q * s.length) - 1)]!));
  return { min: at(0), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.length === 0 ? null : round(s[s.length - 1]!) };
}

/**
 * Stats over the history as Maelstrom's holds it: every client invocation, final reads included;
 * the harness's set-up requests (broadcast's topology) are outside it, as Maelstrom sends them from
 * a client's `setup!`. Availability is Maelstrom's ok-fraction (checker.clj `availability-checker`:
 * 1 when nothing was invoked); msgs-per-op divides net/checker.clj's message counts by the same ops.
 */
export function runStats(ops: readonly OpRecord[], net: NetStats): RunStats {
  const work = ops.filter((o) => o.phase !== 'setup');
  const ok = work.filter((o) => o.type === 'ok');
  const fail = work.filter((o) => o.type === 'fail').length;
  const latencies = ok.map((o) => (o.completeTime ?? o.invokeTime) - o.invokeTime);
  const opCount = work.length;
  return {
    ops: work.length, ok: ok.length, fail, info: work.length - ok.length - fail,
    availability: work.length === 0 ? 1 : round(ok.length / work.length),
    latency: quantiles(latencies),
    msgsPerOp: opCount === 0 ? 0 : round(net.servers.msgCount / opCount),
    msgsPerOpAll: opCount === 0 ? 0 : round(net.all.msgCount / opCount),
    opCount,
    net: copyNetStats(net),
  };
}

/** Maelstrom-style lines for the stats. */
export function describeStats(s: RunStats): string[] {
  const q = s.latency;
  return [
    `ops: ${s.ops} (ok ${s.ok}, fail ${s.fail}, info ${s.info}), availability ${s.availability}${s.skipped ? `; ${s.skipped} more were due while every client was busy (raise --concurrency)` : ''}`,
    `latency ms: min ${q.min} p50 ${q.p50} p95 ${q.p95} p99 ${q.p99} max ${q.max}`,
    `net: all ${traffic(s.net.all)}, msgs-per-op ${s.msgsPerOpAll}; clients ${traffic(s.net.clients)}; servers ${traffic(s.net.servers)}, msgs-per-op ${s.msgsPerOp} (over ${s.opCount} ops)`,
    `network: ${s.net.dropped} dropped by faults, ${s.net.malformed} malformed`,
  ];
}

function traffic(t: NetStats['all']): string {
  return `${t.sendCount} sent, ${t.recvCount} received`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
