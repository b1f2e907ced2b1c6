import { closeSync, constants, fdatasync, fstatSync, fsyncSync, ftruncateSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { cloneEncodable, packValue, unpackRange } from '@faultline/transport';
import { GroupSync, type DurableStorage, type NodeEvent, type NodeId } from '@faultline/core';
import { injectDiskFault, type RealDiskFault } from './disk-faults.ts';
import { frameRecord, MAGIC, MAX_RECORD_BYTES } from './record.ts';
import { replayLog, type ReplayEnd } from './replay.ts';

/** The log is rewritten once it holds more than this many times the live records' bytes. */
const COMPACT_RATIO = 4;
/** …and is at least this big (small logs are left alone). */
const COMPACT_MIN_BYTES = 4 * 1024 * 1024;
const OPEN_APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
const OPEN_READ = constants.O_RDONLY | constants.O_NOFOLLOW;
const OPEN_FRESH = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

/** What a node's storage found wrong with its file when it opened it, and what it did about it. */
export interface StorageDamage {
  /** `torn-tail`: the file ends inside a record (a write cut short); `corrupt`: a whole record is bad. */
  readonly kind: 'torn-tail' | 'corrupt';
  readonly file: string;
  /** Where the bad record starts; every record before it was kept, none from it on. */
  readonly offset: number;
  readonly droppedBytes: number;
  readonly detail: string;
  /** Where the damaged file was kept for inspection (corruption only; a torn tail is cut off in place). */
  readonly keptAs: string | undefined;
}

/** Counters of one storage: records and bytes written, fsyncs and the bytes they made durable, compactions. */
export interface FileStorageStats {
  readonly records: number;
  readonly bytesWritten: number;
  readonly syncs: number;
  /** Bytes of the log an fsync (or a durable compaction) covered since the storage opened. */
  readonly bytesSynced: number;
  readonly compactions: number;
  readonly fileBytes: number;
  readonly liveBytes: number;
}

/**
 * A worker or NATS node's stable storage: a log of checksummed records (`storage/record.ts`)
 * replayed in bounded chunks when the node starts, and rewritten to its live records once it grows
 * past `COMPACT_RATIO` times their size. A `set` is written before it returns (durable against the
 * process dying); `sync()` fsyncs (durable against the machine dying). A torn last record is cut off;
 * a corrupt one ends the replay there — the node starts from the intact prefix, the damaged file is
 * kept beside it, and `damage` says so (the node reports it as a `storage-damaged` event): a stored
 * value is never silently wrong. Why a hand-made log and not `lmdb`: ARCHITECTURE.md, "Node storage".
 */
export class FileStorage implements DurableStorage {
  private readonly data = new Map<string, unknown>();
  private readonly sizes = new Map<string, number>();
  private readonly file: string;
  private fd: number;
  private fileBytes = 0;
  private liveBytes = 0;
  private counters = { records: 0, bytesWritten: 0, syncs: 0, bytesSynced: 0, compactions: 0 };
  /** The log's length an fsync covered: a `lose-unsynced` fault cuts the file back to it. */
  private syncedBytes: number;
  /** Bumped by each compaction: an fsync of the file it replaced needs no retry (the rewrite was durable). */
  private epoch = 0;
  private syncAsked = false;
  private closed = false;
  /** Extra milliseconds before each fsync (the `slow` disk fault), 0 normally. */
  private slowMs = 0;
  private readonly group = new GroupSync(() => this.flush(), () => this.counters.records);
  /** What was wrong with the file at open, if anything. */
  readonly damage: StorageDamage | undefined;

  constructor(file: string) {
    this.file = file;
    this.damage = this.replay();
    this.fd = openSync(file, OPEN_APPEND, 0o600);
    this.fileBytes = fstatSync(this.fd).size;
    this.syncedBytes = this.fileBytes; // what a restart found is what the disk holds
    if (this.fileBytes === 0) this.write(MAGIC);
  }

  get<T = unknown>(key: string): T | undefined {
    const value = this.data.get(key);
    return value === undefined ? undefined : cloneEncodable(value as T);
  }

  set(key: string, value: unknown): void {
    const copy = cloneEncodable(value);
    const record = encodeRecord('set', key, copy);
    this.write(record);
    this.data.set(key, copy);
    this.liveBytes += record.length - (this.sizes.get(key) ?? 0);
    this.sizes.set(key, record.length);
    this.compactIfLarge();
  }

  delete(key: string): void {
    if (!this.data.has(key)) return;
    this.write(encodeRecord('delete', key, null));
    this.data.delete(key);
    this.liveBytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
    this.compactIfLarge();
  }

  keys(prefix = ''): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix));
  }

  /**
   * Resolves once every write so far is durable against the machine dying: one `fdatasync` off the
   * event loop, shared by every caller awaiting meanwhile (group commit); rejects if the fsync fails.
   */
  sync(): Promise<void> {
    this.syncAsked = true;
    return this.group.sync();
  }

  stats(): FileStorageStats {
    return { ...this.counters, fileBytes: this.fileBytes, liveBytes: this.liveBytes };
  }

  /** Applies a disk fault to this node's file (`disk-faults.ts`); `seed` picks the corrupted byte. */
  diskFault(fault: RealDiskFault, seed: number): void {
    injectDiskFault(fault, seed, {
      fd: this.fd, file: this.file, fileBytes: this.fileBytes, syncedBytes: this.syncedBytes,
      setSlowMs: (ms) => { this.slowMs = ms; },
      cutTo: (bytes) => { this.fileBytes = bytes; this.close(); },
    });
  }

  /** Closes the file (the storage must not be used after: a write throws). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.group.reset();
    closeSync(this.fd);
  }

  private flush(): Promise<void> {
    const fd = this.fd, epoch = this.epoch, upTo = this.fileBytes;
    return new Promise<void>((resolve, reject) => {
      const run = (): void => fdatasync(fd, (error) => {
        if (this.closed) return; // its node is gone: whoever awaited this sync is never answered
        // A compaction in between rewrote the file durably and closed this fd: that covered these writes.
        if (error && epoch === this.epoch) return reject(error);
        if (epoch === this.epoch && upTo > this.syncedBytes) {
          this.counters.bytesSynced += upTo - this.syncedBytes;
          this.syncedBytes = upTo;
        }
        this.counters.syncs++;
        resolve();
      });
      if (this.slowMs > 0) setTimeout(run, this.slowMs);
      else run();
    });
  }

  private replay(): StorageDamage | undefined {
    let fd: number;
    try {
      fd = openSync(this.file, OPEN_READ);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    let end: ReplayEnd;
    try {
      end = replayLog(fd, fstatSync(fd).size, (payload, bytes) => this.apply(payload, bytes));
    } finally {
      closeSync(fd);
    }
    if (end.kind === 'clean') return undefined;
    const droppedBytes = end.fileBytes - end.offset;
    if (end.kind === 'torn-tail') {
      const cut = openSync(this.file, constants.O_WRONLY | constants.O_NOFOLLOW);
      try {
        ftruncateSync(cut, end.offset);
        fsyncSync(cut);
      } finally {
        closeSync(cut);
      }
      return { kind: end.kind, file: this.file, offset: end.offset, droppedBytes, detail: end.detail, keptAs: undefined };
    }
    const keptAs = `${this.file}.damaged`;
    renameSync(this.file, keptAs);
    this.rewrite(true);
    return { kind: end.kind, file: this.file, offset: end.offset, droppedBytes, detail: end.detail, keptAs };
  }

  private apply(payload: Buffer, bytes: number): void {
    const record = unpackRange(payload, 0, payload.length, `storage record in ${this.file}`);
    if (!Array.isArray(record) || record.length !== 3 || typeof record[1] !== 'string' || (record[0] !== 'set' && record[0] !== 'delete')) {
      throw new Error('not a [set|delete, key, value] record');
    }
    const [op, key, value] = record as ['set' | 'delete', string, unknown];
    if (op === 'set') {
      this.data.set(key, value);
      this.liveBytes += bytes - (this.sizes.get(key) ?? 0);
      this.sizes.set(key, bytes);
    } else {
      this.data.delete(key);
      this.liveBytes -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
    }
  }

  private write(bytes: Uint8Array): void {
    if (this.closed) throw new Error(`storage ${this.file} is closed (its node crashed or shut down); the write was not made`);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.fileBytes += bytes.length;
    this.counters.bytesWritten += bytes.length;
    if (bytes !== MAGIC) this.counters.records++;
  }

  private compactIfLarge(): void {
    if (this.fileBytes < COMPACT_MIN_BYTES || this.fileBytes <= COMPACT_RATIO * this.liveBytes) return;
    closeSync(this.fd);
    this.rewrite(this.syncAsked);
    this.fd = openSync(this.file, OPEN_APPEND, 0o600);
    this.fileBytes = fstatSync(this.fd).size;
    this.epoch++;
    if (this.syncAsked) {
      this.counters.bytesSynced += this.fileBytes;
      this.syncedBytes = this.fileBytes;
    } else {
      this.syncedBytes = Math.min(this.syncedBytes, this.fileBytes);
    }
    this.counters.compactions++;
  }

  /**
   * Writes the live records to a fresh file and renames it over the log (atomic on POSIX). The new file
   * and the folder are fsynced once this storage has been asked to `sync()` (or when repairing
   * damage), so compaction never undoes a sync; until then writes are durable against the process
   * dying only, and so is the rewrite.
   */
  private rewrite(durable: boolean): void {
    const next = `${this.file}.compacting`;
    const fd = openSync(next, OPEN_FRESH, 0o600);
    try {
      writeAll(fd, MAGIC);
      for (const [key, value] of this.data) writeAll(fd, encodeRecord('set', key, value));
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(next, this.file);
    if (durable) syncFolder(dirname(this.file));
  }
}

function encodeRecord(op: 'set' | 'delete', key: string, value: unknown): Buffer {
  const payload = packValue([op, key, value]);
  if (payload.length > MAX_RECORD_BYTES) throw new RangeError(`storage value for "${key}" is ${payload.length} bytes encoded, over the ${MAX_RECORD_BYTES}-byte record limit`);
  return frameRecord(payload);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

function syncFolder(dir: string): void {
  const fd = openSync(dir, constants.O_RDONLY);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The event a node reports when its storage file was damaged at start. */
export function damageEvent(node: NodeId, damage: StorageDamage): NodeEvent {
  return { type: 'storage-damaged', node, kind: damage.kind, offset: damage.offset, droppedBytes: damage.droppedBytes, detail: damage.detail };
}
