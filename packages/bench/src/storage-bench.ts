import { appendFileSync, closeSync, constants, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FileStorage, privateStorageRoot } from '@faultline/runtime';
import { packValue } from '@faultline/transport';
import { median } from './median.ts';
import type { BenchResult } from './result.ts';
import { result } from './workers-bench.ts';

const VALUE = new Uint8Array(1024).fill(7);
const WRITES = 20_000;
const SYNCED_WRITES = 300;
const REPETITIONS = 3;
const GROUP_WRITERS = 8;

function timeWrites(count: number, write: (i: number) => void): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) write(i);
  return count / ((performance.now() - start) / 1000);
}

/** Raw `fs.writeSync` of the same record bytes to an O_APPEND file (`sync`: fdatasync after each, the call `sync()` makes). */
function rawRate(dir: string, count: number, sync: boolean): number {
  const fd = openSync(join(dir, 'raw.log'), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_TRUNC, 0o600);
  try {
    return timeWrites(count, (i) => {
      writeSync(fd, packValue(['set', `k${i % 100}`, VALUE]));
      if (sync) fdatasyncSync(fd);
    });
  } finally {
    closeSync(fd);
  }
}

/** Node storage as it was before issue 21: one base64 msgpack line per set, by `appendFileSync`. */
function oldStorageRate(dir: string, count: number): number {
  const file = join(dir, 'old.log');
  rmSync(file, { force: true });
  return timeWrites(count, (i) => appendFileSync(file, `${Buffer.from(packValue(['set', `k${i % 100}`, VALUE])).toString('base64')}\n`));
}

function fileStorageRate(dir: string, count: number): number {
  const file = join(dir, 'node.log');
  rmSync(file, { force: true });
  const storage = new FileStorage(file);
  try {
    return timeWrites(count, (i) => storage.set(`k${i % 100}`, VALUE));
  } finally {
    storage.close();
  }
}

/** Set then await `sync()` (an fdatasync off the event loop), one after another. */
async function fileStorageSyncedRate(dir: string, count: number): Promise<number> {
  const file = join(dir, 'node.log');
  rmSync(file, { force: true });
  const storage = new FileStorage(file);
  try {
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      storage.set(`k${i % 100}`, VALUE);
      await storage.sync();
    }
    return count / ((performance.now() - start) / 1000);
  } finally {
    storage.close();
  }
}

/** `writers` loops at once, each setting then awaiting `sync()`: their syncs share fdatasyncs (group commit). */
async function fileStorageGroupRate(dir: string, count: number, writers: number): Promise<number> {
  const file = join(dir, 'node.log');
  rmSync(file, { force: true });
  const storage = new FileStorage(file);
  try {
    const start = performance.now();
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      for (let i = w; i < count; i += writers) {
        storage.set(`k${i % 100}`, VALUE);
        await storage.sync();
      }
    }));
    return count / ((performance.now() - start) / 1000);
  } finally {
    storage.close();
  }
}

/**
 * `storage-set-throughput`: 1 KiB `ctx.storage.set`s on a worker node's file storage (checksummed,
 * compacted) vs raw `fs.writeSync` of the same bytes; `storage-set-old`: the storage before issue 21
 * (`appendFileSync` of base64 lines) vs the same raw baseline; `storage-set-sync-throughput`: set +
 * fsync vs raw writeSync + fsync; `storage-set-group-sync-throughput`: 8 writers at once, each set +
 * await sync (sharing fsyncs), vs the same raw writeSync + fsync per write. Repetitions interleaved, medians reported.
 */
export async function storageBenches(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(privateStorageRoot(), 'bench-'));
  try {
    const raw: number[] = [], now: number[] = [], old: number[] = [], rawSync: number[] = [], nowSync: number[] = [], grouped: number[] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      raw.push(rawRate(dir, WRITES, false));
      now.push(fileStorageRate(dir, WRITES));
      old.push(oldStorageRate(dir, WRITES));
      rawSync.push(rawRate(dir, SYNCED_WRITES, true));
      nowSync.push(await fileStorageSyncedRate(dir, SYNCED_WRITES));
      grouped.push(await fileStorageGroupRate(dir, SYNCED_WRITES, GROUP_WRITERS));
    }
    const base = median(raw);
    return [
      result('storage-set-throughput', median(now), base, 'set/s', 'raw fs.writeSync of the same bytes'),
      result('storage-set-old', median(old), base, 'set/s', 'raw fs.writeSync of the same bytes'),
      result('storage-set-sync-throughput', median(nowSync), median(rawSync), 'set/s', 'raw fs.writeSync + fdatasync'),
      result('storage-set-group-sync-throughput', median(grouped), median(rawSync), 'set/s', 'raw fs.writeSync + fdatasync'),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
