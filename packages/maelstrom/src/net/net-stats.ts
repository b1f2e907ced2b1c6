/** Message counts of a run, split as Maelstrom does: between servers, and with clients/services. */
export interface NetStats {
  /** Messages sent between two cluster nodes (what msgs-per-op counts). */
  serverSends: number;
  /** Messages between clients (or services) and nodes. */
  clientSends: number;
  /** Copies delivered, of every kind. */
  delivered: number;
  /** Messages the fault layer dropped (loss, partition). */
  dropped: number;
  /** Deliveries whose bytes a corrupt rule broke beyond parsing. */
  malformed: number;
}

/** Fresh zero counts. */
export function emptyNetStats(): NetStats {
  return { serverSends: 0, clientSends: 0, delivered: 0, dropped: 0, malformed: 0 };
}
