/**
 * A node's stable storage: it survives crashes and restarts, unlike everything in memory.
 * A `set` is durable when it returns (as if fsynced), unless the simulator runs the opt-in disk
 * model (`simulated-disk.ts`), where writes are pending until `sync()` resolves. Values must be plain data.
 */
export interface DurableStorage {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Keys starting with `prefix` (all when empty), in insertion order. */
  keys(prefix?: string): string[];
  /**
   * Resolves once every write made before the call is durable: an fsync on workers and NATS, the end
   * of "pending" under the disk model (after its seeded sync latency), at once in memory. Callers
   * awaiting together share one flush (group commit, `group-sync.ts`).
   */
  sync(): Promise<void>;
}

/**
 * What `sync()` returns when every write was durable before it returned (memory, a disk model
 * without sync latency): a caller may compare against it and go on in the same turn.
 */
export const ALREADY_DURABLE: Promise<void> = Promise.resolve();

/** Storage in a Map that the runtime keeps outside the node, so a crash does not wipe it. */
export class MemoryStorage implements DurableStorage {
  private readonly data = new Map<string, unknown>();
  private readonly copy: <T>(value: T) => T;

  /** `copy` isolates stored values from later mutation (the simulator passes its wire clone). */
  constructor(copy: <T>(value: T) => T = (v) => structuredClone(v)) {
    this.copy = copy;
  }

  get<T = unknown>(key: string): T | undefined {
    const value = this.data.get(key);
    return value === undefined ? undefined : this.copy(value as T);
  }

  set(key: string, value: unknown): void {
    this.data.set(key, this.copy(value));
  }

  delete(key: string): void {
    this.data.delete(key);
  }

  keys(prefix = ''): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }

  sync(): Promise<void> {
    return ALREADY_DURABLE;
  }
}

/** A view of storage under a key prefix, so actors on one node do not collide. */
export function scopedStorage(storage: DurableStorage, prefix: string): DurableStorage {
  return {
    get: <T>(key: string) => storage.get<T>(prefix + key),
    set: (key, value) => storage.set(prefix + key, value),
    delete: (key) => storage.delete(prefix + key),
    keys: (p = '') => storage.keys(prefix + p).map((k) => k.slice(prefix.length)),
    sync: () => storage.sync(),
  };
}
