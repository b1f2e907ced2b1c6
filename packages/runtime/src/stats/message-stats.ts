/** How many messages were sent, delivered and dropped (on one link, by one node, or in all). */
export interface MessageCounts {
  /** Envelopes a node sent (counted at the sender). */
  sent: number;
  /** Envelopes handed to the receiving node (counted at the receiver; duplicates count again). */
  delivered: number;
  /** Envelopes lost: by the network model, to a down node, or as undecodable frames. */
  dropped: number;
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
    for (const [key, c] of entries) links[key] = { ...c };
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
    }
  }
  return withSums(Object.fromEntries(Object.entries(links).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** What happened between two snapshots: `after − before`, link by link. */
export function diffMessageStats(before: MessageStats, after: MessageStats): MessageStats {
  const links: Record<string, MessageCounts> = {};
  for (const [key, c] of Object.entries(after.links)) {
    const b = before.links[key] ?? zero();
    links[key] = { sent: c.sent - b.sent, delivered: c.delivered - b.delivered, dropped: c.dropped - b.dropped };
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
    receiver.delivered += c.delivered;
    for (const f of FIELDS) total[f] += c[f];
  }
  return { total, nodes, links };
}
