import { FaultlineError } from '../errors.ts';
import type { Rng } from '../random/rng.ts';
import type { DurableStorage } from './storage.ts';

/**
 * The opt-in disk model of the simulator. After turmoil's simulated filesystem (`src/fs.rs`: writes
 * pending until `sync_all`, lost on crash) and FoundationDB's `AsyncFileNonDurable` (unsynced
 * writes may survive partly, the last one torn).
 */
export interface DiskModelConfig {
  /** What a crash does to unsynced writes: lose them all, or keep a random prefix and tear the next (default). */
  readonly onCrash?: 'lose-unsynced' | 'random-prefix';
  /** A full disk: a `set` that would take stored bytes past this throws `DiskFullError`. */
  readonly capacityBytes?: number;
}

/**
 * A disk fault a nemesis can inject (TigerBeetle's storage faults, Jepsen's NATS analysis):
 * `corrupt` destroys one synced record (detected and dropped, never read as a value); `lose-unsynced`
 * crashes the node and loses every write not yet synced, whatever the disk's `onCrash` says.
 */
export type DiskFault = 'corrupt' | 'lose-unsynced';

/** Every disk fault, in documentation order. */
export const DISK_FAULTS: readonly DiskFault[] = ['corrupt', 'lose-unsynced'];

/** A `set` found the disk full. */
export class DiskFullError extends FaultlineError {
  constructor(key: string, bytes: number, capacity: number) {
    super('disk-full', `storage set of "${key}" needs ${bytes} bytes more than the ${capacity}-byte disk has free; delete keys or give the disk more capacityBytes`);
  }
}

/** What the last crash did to this disk's unsynced writes. */
export interface CrashLoss {
  readonly lost: number;
  readonly kept: number;
  readonly torn: boolean;
}

/** Counters of a simulated disk. */
export interface DiskStats {
  readonly writes: number;
  readonly bytesWritten: number;
  readonly syncs: number;
  readonly lostWrites: number;
  readonly tornWrites: number;
  readonly corruptRecords: number;
}

type Write = { readonly key: string; readonly value: unknown; readonly bytes: number };

/**
 * A node's storage under the disk model: a `set` or `delete` is visible at once but pending until
 * `sync()`; `crash(rng)` applies the model to what is pending. A value is never silently wrong: a
 * corrupted record (`corrupt`) is dropped and counted, as the file storage does when its checksum fails.
 */
export class SimulatedDisk implements DurableStorage {
  private readonly durable = new Map<string, Write>();
  private pending: Write[] = [];
  private readonly view = new Map<string, Write>();
  private counters = { writes: 0, bytesWritten: 0, syncs: 0, lostWrites: 0, tornWrites: 0, corruptRecords: 0 };
  private readonly config: DiskModelConfig;
  private readonly copy: <T>(value: T) => T;
  private readonly sizeOf: (value: unknown) => number;

  constructor(config: DiskModelConfig, copy: <T>(value: T) => T, sizeOf: (value: unknown) => number) {
    this.config = config;
    this.copy = copy;
    this.sizeOf = sizeOf;
  }

  get<T = unknown>(key: string): T | undefined {
    const write = this.view.get(key);
    return write === undefined || write.value === undefined ? undefined : this.copy(write.value as T);
  }

  set(key: string, value: unknown): void {
    const copy = this.copy(value);
    const bytes = key.length + this.sizeOf(copy);
    const capacity = this.config.capacityBytes;
    if (capacity !== undefined) {
      const used = this.usedBytes() - (this.view.get(key)?.bytes ?? 0);
      if (used + bytes > capacity) throw new DiskFullError(key, used + bytes - capacity, capacity);
    }
    this.record({ key, value: copy, bytes });
  }

  delete(key: string): void {
    if (this.view.get(key)?.value === undefined) return;
    this.record({ key, value: undefined, bytes: key.length });
  }

  keys(prefix = ''): string[] {
    return [...this.view].filter(([k, w]) => w.value !== undefined && k.startsWith(prefix)).map(([k]) => k);
  }

  /** Makes every write so far durable. */
  sync(): void {
    for (const write of this.pending) this.durable.set(write.key, write);
    this.pending = [];
    this.counters.syncs++;
  }

  /** Applies a crash: unsynced writes are lost, or (`random-prefix`) a prefix survives and the next is torn. */
  crash(rng: Rng, mode: DiskModelConfig['onCrash'] = this.config.onCrash ?? 'random-prefix'): CrashLoss {
    const kept = mode === 'lose-unsynced' ? 0 : rng.int(this.pending.length + 1);
    for (const write of this.pending.slice(0, kept)) this.durable.set(write.key, write);
    const lost = this.pending.length - kept;
    const torn = lost > 0 && mode === 'random-prefix';
    this.counters.lostWrites += lost;
    if (torn) this.counters.tornWrites++;
    this.pending = [];
    this.view.clear();
    for (const [key, write] of this.durable) this.view.set(key, write);
    return { lost, kept, torn };
  }

  /** Corrupts one durable record (a nemesis action): it is detected and dropped, never read as a value. Returns its key. */
  corrupt(rng: Rng): string | undefined {
    const keys = [...this.durable.keys()];
    if (keys.length === 0) return undefined;
    const key = keys[rng.int(keys.length)] as string;
    this.durable.delete(key);
    if (!this.pending.some((w) => w.key === key)) this.view.delete(key);
    this.counters.corruptRecords++;
    return key;
  }

  /** Writes not yet synced. */
  get unsynced(): number {
    return this.pending.length;
  }

  stats(): DiskStats {
    return { ...this.counters };
  }

  private record(write: Write): void {
    this.pending.push(write);
    this.view.set(write.key, write);
    this.counters.writes++;
    this.counters.bytesWritten += write.bytes;
  }

  private usedBytes(): number {
    let used = 0;
    for (const write of this.view.values()) if (write.value !== undefined) used += write.bytes;
    return used;
  }
}
