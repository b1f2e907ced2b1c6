/** How many messages were sent, delivered and dropped (on one link, by one node, or in all). */
export interface MessageCounts {
  /** Envelopes a node sent (counted at the sender). */
  sent: number;
  /** Envelopes handed to the receiving node (counted at the receiver; duplicates count again). */
  delivered: number;
  /** Envelopes lost: by the network model, to a down node, or as undecodable frames. */
  dropped: number;
  /** Why some were lost, where the runtime knows (workers: see {@link DROP_REASONS}); absent when none were. */
  dropReasons?: Record<string, number>;
}

/**
 * The reasons a worker or NATS node gives for a drop in `messageStats()` (a network rule's drop keeps
 * the model's own reason, e.g. `partition`): a link between live nodes never drops to overload
 * (per-link flow control, `host/link/send-window.ts`), so each of these names a fault, a down or
 * paused node, a stuck receiver, or a sender that outran every bound in one handler.
 */
export const DROP_REASONS = {
  'node-down': 'the destination was down (no link to it)',
  'paused-hold-full': 'the destination was paused and its hold was full (mailboxCapacity)',
  'mailbox-full': 'the destination\'s mailbox was full (a same-node flood, or a batch published on a data subject by something other than a peer\'s link)',
  'send-queue-full': 'the sender\'s queue for a link past its window was full: the receiver returned no credit (stuck) or one handler sent more than the queue holds',
  unencodable: 'msgpack refused the payload at batch encoding',
  'lost-in-transit': 'a NATS batch that never reached its receiver (a gap in the link\'s sequence: the receiver restarted, a connection dropped or the server restarted); counted by the sender once the receiver reports the gap',
} as const;

/** Counts `n` drops of `reason` on `c`. */
export function countDrop(c: MessageCounts, reason: string, n = 1): void {
  c.dropped += n;
  const reasons = (c.dropReasons ??= {});
  reasons[reason] = (reasons[reason] ?? 0) + n;
}

/**
 * Message counts of a whole cluster, the same in both runtimes: per directed link (`from->to`,
 * `driver` included, a node's messages to itself on `n1->n1`), per node (`sent` and `dropped` as
 * the sender, `delivered` as the receiver), and in total. Plain data: diff two with {@link diffMessageStats}.
 */
export interface MessageStats {
  readonly total: MessageCounts;
  readonly nodes: Record<string, MessageCounts>;
  readonly links: Record<string, MessageCounts>;
}

const zero = (): MessageCounts => ({ sent: 0, delivered: 0, dropped: 0 });
const FIELDS = ['sent', 'delivered', 'dropped'] as const;

/** Live counters of the links one side sees: a runtime's whole wire, or one worker's. */
export class LinkTally {
  /**
   * The counters by sender, then receiver: a lookup builds no `from->to` string, and a full mesh of
   * n nodes keeps n² small records, not n² key strings too (1,000 nodes: a million links). The
   * `from->to` keys are made only by `snapshot`.
   */
  private readonly bySender = new Map<string, Map<string, MessageCounts>>();

  /** The live counts of the link `from->to`. */
  link(from: string, to: string): MessageCounts {
    let out = this.bySender.get(from);
    if (out === undefined) {
      out = new Map();
      this.bySender.set(from, out);
    }
    let c = out.get(to);
    if (c === undefined) {
      c = zero();
      out.set(to, c);
    }
    return c;
  }

  /** A cached view of the links from one node (`from->peer`), or into it when `into` is set: one Map lookup per message. */
  side(self: string, into = false): (peer: string) => MessageCounts {
    const cache = new Map<string, MessageCounts>();
    return (peer) => {
      let c = cache.get(peer);
      if (c === undefined) {
        c = into ? this.link(peer, self) : this.link(self, peer);
        cache.set(peer, c);
      }
      return c;
    };
  }

  /** A snapshot, with per-node and total sums. */
  snapshot(): MessageStats {
    const entries: [string, MessageCounts][] = [];
    for (const [from, out] of this.bySender) for (const [to, c] of out) entries.push([`${from}->${to}`, c]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const links: Record<string, MessageCounts> = {};
    for (const [key, c] of entries) links[key] = copyCounts(c);
    return withSums(links);
  }
}

/** Adds up several snapshots, e.g. one per worker (each counts its own sends and receipts). */
export function mergeMessageStats(parts: readonly MessageStats[]): MessageStats {
  const links: Record<string, MessageCounts> = {};
  for (const part of parts) {
    for (const [key, c] of Object.entries(part.links)) {
      const into = (links[key] ??= zero());
      for (const f of FIELDS) into[f] += c[f];
      addReasons(into, c.dropReasons, 1);
    }
  }
  return withSums(Object.fromEntries(Object.entries(links).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** What happened between two snapshots: `after − before`, link by link. */
export function diffMessageStats(before: MessageStats, after: MessageStats): MessageStats {
  const links: Record<string, MessageCounts> = {};
  for (const [key, c] of Object.entries(after.links)) {
    const b = before.links[key] ?? zero();
    const d: MessageCounts = { sent: c.sent - b.sent, delivered: c.delivered - b.delivered, dropped: c.dropped - b.dropped };
    addReasons(d, c.dropReasons, 1);
    addReasons(d, b.dropReasons, -1);
    if (d.dropReasons) for (const [why, n] of Object.entries(d.dropReasons)) if (n === 0) delete d.dropReasons[why];
    if (d.dropReasons && Object.keys(d.dropReasons).length === 0) delete d.dropReasons;
    links[key] = d;
  }
  return withSums(links);
}

/** Messages sent between two different nodes (the driver included): a node's messages to itself cost no network. */
export function messagesBetweenNodes(stats: MessageStats): number {
  let n = 0;
  for (const [key, c] of Object.entries(stats.links)) {
    const [from, to] = key.split('->');
    if (from !== to) n += c.sent;
  }
  return n;
}

function withSums(links: Record<string, MessageCounts>): MessageStats {
  const total = zero();
  const nodes: Record<string, MessageCounts> = {};
  for (const [key, c] of Object.entries(links)) {
    const [from = '', to = ''] = key.split('->');
    const sender = (nodes[from] ??= zero());
    const receiver = (nodes[to] ??= zero());
    sender.sent += c.sent;
    sender.dropped += c.dropped;
    addReasons(sender, c.dropReasons, 1);
    receiver.delivered += c.delivered;
    for (const f of FIELDS) total[f] += c[f];
    addReasons(total, c.dropReasons, 1);
  }
  return { total, nodes, links };
}

function copyCounts(c: MessageCounts): MessageCounts {
  return c.dropReasons ? { ...c, dropReasons: { ...c.dropReasons } } : { sent: c.sent, delivered: c.delivered, dropped: c.dropped };
}

function addReasons(into: MessageCounts, reasons: Readonly<Record<string, number>> | undefined, sign: 1 | -1): void {
  if (reasons === undefined) return;
  const out = (into.dropReasons ??= {});
  for (const [why, n] of Object.entries(reasons)) out[why] = (out[why] ?? 0) + sign * n;
}
