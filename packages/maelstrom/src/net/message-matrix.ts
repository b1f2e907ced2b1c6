import { isClientId, type JournalEntry } from './maelstrom-net.ts';

/** Width of one bucket of the messages-over-time series, ms. */
export const MESSAGE_BUCKET_MS = 1000;

/** Most buckets kept (a longer run folds the rest into the last bucket). */
const MAX_BUCKETS = 3600;

/** Messages between endpoints as the network journal saw them: sent and dropped, per pair of ends. */
export interface MessageMatrixSnapshot {
  /** Ends in order: the nodes, then `clients` (all clients as one), then each service used. */
  readonly ends: readonly string[];
  /** `sent[i][j]`: messages sent from ends[i] to ends[j]; `dropped` likewise. */
  readonly sent: readonly (readonly number[])[];
  readonly dropped: readonly (readonly number[])[];
  /** Sends by body `type` (top 20 by count, the rest as `other`). */
  readonly byType: Readonly<Record<string, number>>;
  /** Sends between nodes per {@link MESSAGE_BUCKET_MS} bucket of run time. */
  readonly serverSendsPerBucket: readonly number[];
}

/**
 * Counts every message the network journal reports (Maelstrom's net/journal.clj keeps each one to
 * draw messages.svg; at 25 nodes a diagram of every message is unreadable, so this keeps the
 * counts per pair of ends, per type and over time instead). O(1) per message, bounded memory:
 * ends are the run's nodes, one `clients` end and the services.
 */
export class MessageMatrix {
  private readonly index = new Map<string, number>();
  private readonly ends: string[] = [];
  private sent: number[][] = [];
  private dropped: number[][] = [];
  private readonly types = new Map<string, number>();
  private readonly buckets: number[] = [];
  private readonly nodes: ReadonlySet<string>;
  private readonly t0: () => number;

  constructor(nodeIds: readonly string[], t0: () => number = () => 0) {
    this.nodes = new Set(nodeIds);
    this.t0 = t0;
    for (const n of nodeIds) this.endOf(n);
  }

  /** The network journal's hook: counts sends and drops (deliveries are not counted again). */
  record(e: JournalEntry): void {
    if (e.event === 'recv') return;
    const from = this.endOf(e.message.src);
    const to = this.endOf(e.message.dest);
    if (from === undefined || to === undefined) return;
    if (e.event === 'drop') { this.dropped[from]![to]!++; return; }
    this.sent[from]![to]!++;
    const type = typeof e.message.body.type === 'string' ? e.message.body.type.slice(0, 40) : '(no type)';
    if (this.types.has(type) || this.types.size < 200) this.types.set(type, (this.types.get(type) ?? 0) + 1);
    if (this.nodes.has(e.message.src) && this.nodes.has(e.message.dest)) {
      const b = Math.min(MAX_BUCKETS - 1, Math.max(0, Math.floor((e.time - this.t0()) / MESSAGE_BUCKET_MS)));
      while (this.buckets.length <= b) this.buckets.push(0);
      this.buckets[b]!++;
    }
  }

  snapshot(): MessageMatrixSnapshot {
    const sorted = [...this.types].sort((a, b) => b[1] - a[1]);
    const byType: Record<string, number> = {};
    for (const [t, n] of sorted.slice(0, 20)) byType[t] = n;
    const rest = sorted.slice(20).reduce((s, [, n]) => s + n, 0);
    if (rest > 0) byType['other'] = rest;
    return { ends: [...this.ends], sent: this.sent.map((r) => [...r]), dropped: this.dropped.map((r) => [...r]), byType, serverSendsPerBucket: [...this.buckets] };
  }

  private endOf(id: string): number | undefined {
    // Nodes by id; clients folded into one end; anything else (a service) by id, at most 8 of them.
    const name = this.nodes.has(id) ? id : isClientId(id) ? 'clients' : id;
    let i = this.index.get(name);
    if (i !== undefined) return i;
    if (!this.nodes.has(id) && name !== 'clients' && this.ends.length >= this.nodes.size + 9) return undefined;
    i = this.ends.length;
    this.index.set(name, i);
    this.ends.push(name);
    for (const row of this.sent) row.push(0);
    for (const row of this.dropped) row.push(0);
    this.sent.push(new Array<number>(this.ends.length).fill(0));
    this.dropped.push(new Array<number>(this.ends.length).fill(0));
    return i;
  }
}
