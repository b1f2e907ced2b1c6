/** Messages of one kind of traffic, as Maelstrom's net checker counts them (net/checker.clj `basic-stats`). */
export interface TrafficStats {
  /** Messages sent. */
  sendCount: number;
  /** Copies delivered (a duplicated message counts twice, a dropped one not at all). */
  recvCount: number;
  /** Distinct messages (every send is a new message). */
  msgCount: number;
}

/**
 * Message counts of a run, split as Maelstrom's net checker splits its journal: `all`; `clients`,
 * every message to or from a client (an id starting with `c`, util.clj `involves-client?`); and
 * `servers`, the rest — between nodes and between a node and a service (`lin-kv`, `seq-kv`, …).
 */
export interface NetStats {
  readonly all: TrafficStats;
  readonly clients: TrafficStats;
  readonly servers: TrafficStats;
  /** Messages the fault layer dropped (loss, partition). */
  dropped: number;
  /** Deliveries whose bytes a corrupt rule broke beyond parsing. */
  malformed: number;
}

/** Fresh zero counts. */
export function emptyNetStats(): NetStats {
  const zero = (): TrafficStats => ({ sendCount: 0, recvCount: 0, msgCount: 0 });
  return { all: zero(), clients: zero(), servers: zero(), dropped: 0, malformed: 0 };
}

/** A deep copy (the live counters keep changing). */
export function copyNetStats(s: NetStats): NetStats {
  return { all: { ...s.all }, clients: { ...s.clients }, servers: { ...s.servers }, dropped: s.dropped, malformed: s.malformed };
}
