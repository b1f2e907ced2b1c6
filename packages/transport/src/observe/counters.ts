import { linkKey } from '../faults/nodes.ts';

/** What the network did to frames on one directed link (or on all of them). */
export interface LinkCounters {
  /** Frames offered to the network. */
  sent: number;
  /** Copies handed to the runtime for delivery, duplicates included (a down node may still lose them). */
  delivered: number;
  /** Frames lost; `dropReasons` says why. */
  dropped: number;
  /** Extra copies made by duplicate rules. */
  duplicated: number;
  /** Frames given extra delay by a delay rule (base latency is not counted). */
  delayed: number;
  /** Frames held back so that later frames overtook them. */
  reordered: number;
  /** Frames that waited in a bandwidth queue behind earlier frames. */
  held: number;
  /** Frames whose bytes were flipped. */
  corrupted: number;
  /** Dropped frames by reason (`partition`, `drop`, `block`, `queue-full`). */
  dropReasons: Record<string, number>;
  /** Frames the receiver refused as unauthentic (frame auth: bad or missing MAC, unknown sender), before decoding. */
  rejected: number;
  /** Rejected frames by reason (`missing-mac`, `bad-mac`, `unknown-sender`, `sender-mismatch`). */
  rejectReasons: Record<string, number>;
}

/** Numeric fields of {@link LinkCounters}. */
export type CounterField = Exclude<keyof LinkCounters, 'dropReasons' | 'rejectReasons'>;

/** A copy of all counters at one moment, as plain data: diff two with {@link diffCounters}. */
export interface CountersSnapshot {
  readonly total: LinkCounters;
  /** Per directed link, keyed `from->to`; only links that carried traffic. */
  readonly links: Record<string, LinkCounters>;
}

const FIELDS: readonly CounterField[] = ['sent', 'delivered', 'dropped', 'duplicated', 'delayed', 'reordered', 'held', 'corrupted', 'rejected'];

/** A fresh all-zero counter set. */
export function emptyCounters(): LinkCounters {
  return { sent: 0, delivered: 0, dropped: 0, duplicated: 0, delayed: 0, reordered: 0, held: 0, corrupted: 0, dropReasons: {}, rejected: 0, rejectReasons: {} };
}

/** Live counters of a network, per directed link and in total. */
export class NetworkCounters {
  readonly total: LinkCounters = emptyCounters();
  private readonly links = new Map<string, LinkCounters>();

  /** The live counters of one link (created on first use). */
  link(from: string, to: string): LinkCounters {
    const key = linkKey(from, to);
    let c = this.links.get(key);
    if (!c) {
      c = emptyCounters();
      this.links.set(key, c);
    }
    return c;
  }

  /** Adds `n` to a field of a link and of the total. */
  add(link: LinkCounters, field: CounterField, n = 1): void {
    link[field] += n;
    this.total[field] += n;
  }

  /** Counts one dropped frame with its reason. */
  drop(link: LinkCounters, reason: string): void {
    this.add(link, 'dropped');
    link.dropReasons[reason] = (link.dropReasons[reason] ?? 0) + 1;
    this.total.dropReasons[reason] = (this.total.dropReasons[reason] ?? 0) + 1;
  }

  /** Counts one frame the receiver refused as unauthentic, with its reason. */
  reject(link: LinkCounters, reason: string): void {
    this.add(link, 'rejected');
    link.rejectReasons[reason] = (link.rejectReasons[reason] ?? 0) + 1;
    this.total.rejectReasons[reason] = (this.total.rejectReasons[reason] ?? 0) + 1;
  }

  snapshot(): CountersSnapshot {
    const links: Record<string, LinkCounters> = {};
    for (const key of [...this.links.keys()].sort()) links[key] = copy(this.links.get(key) as LinkCounters);
    return { total: copy(this.total), links };
  }

  reset(): void {
    this.links.clear();
    Object.assign(this.total, emptyCounters());
  }
}

/** What happened between two snapshots: `after − before`, field by field and link by link. */
export function diffCounters(before: CountersSnapshot, after: CountersSnapshot): CountersSnapshot {
  const links: Record<string, LinkCounters> = {};
  for (const [key, c] of Object.entries(after.links)) links[key] = subtract(c, before.links[key] ?? emptyCounters());
  return { total: subtract(after.total, before.total), links };
}

/**
 * The sum of several networks' counters, field by field and link by link: on workers and NATS each
 * node routes its own frames through a mirror of the network model, so the cluster's counters are
 * the sum of every mirror's.
 */
export function mergeCounters(parts: readonly CountersSnapshot[]): CountersSnapshot {
  const total = emptyCounters();
  const links: Record<string, LinkCounters> = {};
  for (const part of parts) {
    addInto(total, part.total);
    for (const [key, c] of Object.entries(part.links)) addInto((links[key] ??= emptyCounters()), c);
  }
  const sorted: Record<string, LinkCounters> = {};
  for (const key of Object.keys(links).sort()) sorted[key] = links[key] as LinkCounters;
  return { total, links: sorted };
}

/** True for a counters snapshot whose every count is a finite number ≥ 0: check one that crossed a boundary before summing it. */
export function isCountersSnapshot(value: unknown): value is CountersSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const { total, links } = value as { total?: unknown; links?: unknown };
  if (!isLinkCounters(total) || typeof links !== 'object' || links === null) return false;
  return Object.values(links).every(isLinkCounters);
}

function isLinkCounters(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return FIELDS.every((f) => isCount(c[f])) && isReasons(c['dropReasons']) && isReasons(c['rejectReasons']);
}

function isReasons(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.values(value).every(isCount);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function addInto(out: LinkCounters, c: LinkCounters): void {
  for (const f of FIELDS) out[f] += c[f];
  for (const [reason, n] of Object.entries(c.dropReasons)) out.dropReasons[reason] = (out.dropReasons[reason] ?? 0) + n;
  for (const [reason, n] of Object.entries(c.rejectReasons)) out.rejectReasons[reason] = (out.rejectReasons[reason] ?? 0) + n;
}

function subtract(a: LinkCounters, b: LinkCounters): LinkCounters {
  const out = emptyCounters();
  for (const f of FIELDS) out[f] = a[f] - b[f];
  subtractReasons(out.dropReasons, a.dropReasons, b.dropReasons);
  subtractReasons(out.rejectReasons, a.rejectReasons, b.rejectReasons);
  return out;
}

function subtractReasons(out: Record<string, number>, a: Record<string, number>, b: Record<string, number>): void {
  for (const reason of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (a[reason] ?? 0) - (b[reason] ?? 0);
    if (d !== 0) out[reason] = d;
  }
}

function copy(c: LinkCounters): LinkCounters {
  return { ...c, dropReasons: { ...c.dropReasons }, rejectReasons: { ...c.rejectReasons } };
}
