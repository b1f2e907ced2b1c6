import { ConfigError, FaultlineError } from '../errors.ts';
import { sample, validateDistribution, type Distribution } from '../random/distribution.ts';
import type { Rng } from '../random/rng.ts';
import { GroupSync } from './group-sync.ts';
import { ALREADY_DURABLE, type DurableStorage } from './storage.ts';

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
  /** How long one sync (fsync) takes, drawn from the seed per flush; absent: a sync is durable at once. */
  readonly syncLatencyMs?: Distribution;
  /** Sync latency while a `slow` disk fault holds (default `SLOW_DISK_SYNC`: a disk going bad). */
  readonly slowSyncLatencyMs?: Distribution;
}

/** A disk going bad (the `slow` fault's default): syncs with a 50 ms median and a long tail. */
export const SLOW_DISK_SYNC: Distribution = { kind: 'lognormal', medianMs: 50, sigma: 1 };

/** Checks a disk model config; throws ConfigError naming the bad field. */
export function validateDiskModel(config: DiskModelConfig, field = 'disk'): DiskModelConfig {
  if (config.onCrash !== undefined && config.onCrash !== 'lose-unsynced' && config.onCrash !== 'random-prefix') {
    throw new ConfigError(`${field}.onCrash`, config.onCrash, "must be 'lose-unsynced' or 'random-prefix'");
  }
  if (config.capacityBytes !== undefined && !(Number.isFinite(config.capacityBytes) && config.capacityBytes >= 0)) {
    throw new ConfigError(`${field}.capacityBytes`, config.capacityBytes, 'must be a number of bytes, 0 or more');
  }
  if (config.syncLatencyMs !== undefined) validateDistribution(config.syncLatencyMs, `${field}.syncLatencyMs`);
  if (config.slowSyncLatencyMs !== undefined) validateDistribution(config.slowSyncLatencyMs, `${field}.slowSyncLatencyMs`);
  return config;
}

/** How a simulated disk waits: the simulator's virtual timers and a seeded stream for sync latency. */
export interface DiskClock {
  /** Runs `fn` after `ms` of virtual time; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  readonly rng: Rng;
}

/**
 * A disk fault a nemesis can inject (TigerBeetle's storage faults, Jepsen's NATS analysis):
 * `corrupt` destroys one synced record (detected and dropped, never read as a value); `lose-unsynced`
 * crashes the node and loses every write not yet synced, whatever the disk's `onCrash` says;
 * `slow` makes every sync take the slow latency until `fast` restores the disk's own.
 */
export type DiskFault = 'corrupt' | 'lose-unsynced' | 'slow' | 'fast';

/** Every disk fault, in documentation order. */
export const DISK_FAULTS: readonly DiskFault[] = ['corrupt', 'lose-unsynced', 'slow', 'fast'];

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
  /** Bytes made durable by syncs (a byte synced twice counts once). */
  readonly bytesSynced: number;
  /** Virtual milliseconds spent in syncs, summed over flushes. */
  readonly syncMs: number;
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
  private counters = { writes: 0, bytesWritten: 0, syncs: 0, bytesSynced: 0, syncMs: 0, lostWrites: 0, tornWrites: 0, corruptRecords: 0 };
  private readonly config: DiskModelConfig;
  private readonly copy: <T>(value: T) => T;
  private readonly sizeOf: (value: unknown) => number;
  private readonly clock: DiskClock | undefined;
  private readonly group = new GroupSync(() => this.flush(), () => this.counters.writes);
  private cancelFlush: (() => void) | undefined;
  private slow = false;

  /** `clock` is needed for sync latency (`syncLatencyMs`, the `slow` fault); without it a sync is durable at once. */
  constructor(config: DiskModelConfig, copy: <T>(value: T) => T, sizeOf: (value: unknown) => number, clock?: DiskClock) {
    this.config = validateDiskModel(config);
    this.copy = copy;
    this.sizeOf = sizeOf;
    this.clock = clock;
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

  /** Resolves once every write so far is durable: after a seeded sync latency, shared by every caller awaiting meanwhile. */
  sync(): Promise<void> {
    if (this.latency() === undefined) {
      this.makeDurable(this.pending.length);
      this.counters.syncs++;
      return ALREADY_DURABLE;
    }
    return this.group.sync();
  }

  /** The `slow` and `fast` disk faults: syncs take the slow latency, or the disk's own again. */
  setSlow(slow: boolean): void {
    this.slow = slow;
  }

  /** Whether a `slow` fault holds. */
  get isSlow(): boolean {
    return this.slow;
  }

  /** One flush: covers the writes pending now, durable after the drawn latency unless a crash comes first. */
  private flush(): Promise<void> {
    const covers = this.pending.length;
    const clock = this.clock;
    const latency = this.latency();
    if (clock === undefined || latency === undefined) {
      this.makeDurable(covers);
      this.counters.syncs++;
      return Promise.resolve();
    }
    const ms = sample(latency, clock.rng);
    return new Promise<void>((resolve) => {
      this.cancelFlush = clock.after(ms, () => {
        this.cancelFlush = undefined;
        this.makeDurable(covers);
        this.counters.syncs++;
        this.counters.syncMs += ms;
        resolve();
      });
    });
  }

  private latency(): Distribution | undefined {
    if (this.clock === undefined) return undefined;
    return this.slow ? this.config.slowSyncLatencyMs ?? SLOW_DISK_SYNC : this.config.syncLatencyMs;
  }

  private makeDurable(count: number): void {
    for (const write of this.pending.slice(0, count)) {
      this.durable.set(write.key, write);
      this.counters.bytesSynced += write.bytes;
    }
    this.pending = this.pending.slice(count);
  }

  /** Applies a crash: unsynced writes are lost, or (`random-prefix`) a prefix survives and the next is torn. */
  crash(rng: Rng, mode: DiskModelConfig['onCrash'] = this.config.onCrash ?? 'random-prefix'): CrashLoss {
    const kept = mode === 'lose-unsynced' ? 0 : rng.int(this.pending.length + 1);
    for (const write of this.pending.slice(0, kept)) this.durable.set(write.key, write);
    this.cancelFlush?.();
    this.cancelFlush = undefined;
    this.group.reset();
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
