import { FaultlineError } from '@faultline/core';
import type { EventOwner } from '../scheduling/event-queue.ts';

/** Events run at one virtual instant before the simulator calls it a stall. */
export const DEFAULT_STALL_AFTER_EVENTS = 1_000_000;

/**
 * The simulation cannot go on: the program awaits something no scheduled event can settle
 * (`no-events`), or events keep running without virtual time advancing (`time-stuck`: a timer or
 * message loop at one instant). Names the seed to replay it and the actors whose events ran.
 */
export class SimulationStallError extends FaultlineError {
  readonly kind: 'no-events' | 'time-stuck';
  readonly seed: number | undefined;
  /** Virtual time (ms) at which it stalled. */
  readonly atMs: number;
  /** Who owned the events of the stuck instant, most events first (`time-stuck` only). */
  readonly owners: readonly { readonly owner: string; readonly events: number }[];
  constructor(kind: 'no-events' | 'time-stuck', seed: number | undefined, atMs: number, detail: string, owners: readonly { owner: string; events: number }[] = []) {
    const top = owners.slice(0, 3).map((o) => `${o.owner} (${o.events})`).join(', ');
    super(
      'simulation-stalled',
      `simulation stalled at ${atMs} ms${seed === undefined ? '' : ` (seed ${seed})`}: ${detail}` +
        (top ? `; events at that instant came from ${top}` : ''),
    );
    this.kind = kind;
    this.seed = seed;
    this.atMs = atMs;
    this.owners = owners;
  }
}

/** Counts events at one instant and who owns them, to name the culprit of a stall. */
export class StallWatch {
  /** Events at one instant that make a stall. */
  readonly limit: number;
  private at = Number.NaN;
  private count = 0;
  private readonly owners = new Map<string, number>();

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Notes an event at `time`; true once `limit` events ran without time advancing. */
  note(time: number, owner: EventOwner | undefined): boolean {
    if (time !== this.at) {
      this.at = time;
      this.count = 0;
      // Most instants never reach the tally: clearing an empty map still makes a new table.
      if (this.owners.size > 0) this.owners.clear();
    }
    this.count++;
    // Tally owners only over the last stretch before the limit: free for normal runs.
    if (this.count > this.limit - 10_000) {
      const name = owner === undefined ? 'the simulation' : typeof owner === 'string' ? owner : `${owner.name}@${owner.node}`;
      this.owners.set(name, (this.owners.get(name) ?? 0) + 1);
    }
    return this.count >= this.limit;
  }

  /** Owners of the stuck instant's last events, most first. */
  culprits(): { owner: string; events: number }[] {
    return [...this.owners].map(([owner, events]) => ({ owner, events })).sort((a, b) => b.events - a.events);
  }
}
