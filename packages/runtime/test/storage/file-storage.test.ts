import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStorage } from '../../src/host/storage/file-storage.ts';

// Issue 21: a torn last record or one garbage record made every restart fail, a flipped byte
// silently changed a stored value, and the log was never compacted.
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-storage-test-'));
  file = join(dir, 'node.log');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeThree(): void {
  const s = new FileStorage(file);
  s.set('a', { n: 1 });
  s.set('b', 'two');
  s.set('c', [3, 3, 3]);
  s.close();
}

describe('FileStorage: a node\'s log on disk', () => {
  it('reads back what it wrote after a restart, deletes included', () => {
    writeThree();
    const s = new FileStorage(file);
    s.delete('b');
    s.close();
    const again = new FileStorage(file);
    expect(again.damage).toBeUndefined();
    expect(again.keys()).toEqual(['a', 'c']);
    expect(again.get('c')).toEqual([3, 3, 3]);
  });

  it('cuts off a torn last record, reports it, and keeps every record before it', () => {
    writeThree();
    truncateSync(file, statSync(file).size - 3);
    const s = new FileStorage(file);
    expect(s.damage).toMatchObject({ kind: 'torn-tail' });
    expect(s.get('a')).toEqual({ n: 1 });
    expect(s.get('b')).toBe('two');
    expect(s.get('c')).toBeUndefined();
    s.set('d', 4);
    s.close();
    const again = new FileStorage(file);
    expect(again.damage).toBeUndefined();
    expect(again.get('d')).toBe(4);
  });

  it('never yields a wrong value when any single byte of the file is flipped', () => {
    writeThree();
    const clean = readFileSync(file);
    const truth = new Map<string, unknown>([['a', { n: 1 }], ['b', 'two'], ['c', [3, 3, 3]]]);
    for (let at = 0; at < clean.length; at++) {
      const flipped = Buffer.from(clean);
      flipped[at] = (flipped[at] ?? 0) ^ 0x10;
      writeFileSync(file, flipped);
      const s = new FileStorage(file);
      expect(s.damage, `byte ${at}`).toBeDefined();
      for (const key of s.keys()) expect(s.get(key), `byte ${at}, key ${key}`).toEqual(truth.get(key));
      s.close();
      rmSync(`${file}.damaged`, { force: true });
    }
  });

  it('keeps a corrupt file aside and starts from the intact records before the bad one', () => {
    writeThree();
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('two'));
    bytes[at] = 0x54; // 'two' -> 'Two': same length, bad checksum
    writeFileSync(file, bytes);
    const s = new FileStorage(file);
    expect(s.damage).toMatchObject({ kind: 'corrupt', keptAs: `${file}.damaged` });
    expect(s.get('a')).toEqual({ n: 1 });
    expect(s.get('b')).toBeUndefined();
    expect(existsSync(`${file}.damaged`)).toBe(true);
    s.close();
    expect(new FileStorage(file).damage).toBeUndefined();
  });

  it('reports a file that is not a storage log instead of failing to start', () => {
    writeFileSync(file, 'garbage line\n');
    const s = new FileStorage(file);
    expect(s.damage).toMatchObject({ kind: 'corrupt', offset: 0 });
    expect(s.keys()).toEqual([]);
  });

  it('compaction bounds the file whatever was written: 16 MiB and 96 MiB of rewrites of one 1 MiB value peak at the same size, under 8 MiB', () => {
    // The bound does not grow with what was written, so it holds for 1 GiB (issue 21's 410 × 1 MiB) too.
    const peakAfter = (rewrites: number): { peak: number; last: number } => {
      rmSync(file, { force: true });
      const s = new FileStorage(file);
      const value = new Uint8Array(1024 * 1024);
      let peak = 0;
      for (let i = 0; i < rewrites; i++) {
        value[0] = i & 0xff;
        value[1] = i >> 8;
        s.set('big', value);
        peak = Math.max(peak, s.stats().fileBytes);
      }
      const stats = s.stats();
      s.close();
      expect(stats.bytesWritten).toBeGreaterThan(rewrites * 1024 * 1024);
      expect(stats.compactions).toBeGreaterThan(rewrites / 8);
      expect(statSync(file).size).toBe(stats.fileBytes);
      const again = new FileStorage(file);
      const read = again.get<Uint8Array>('big');
      again.close();
      expect([read?.[0], read?.[1], read?.length]).toEqual([(rewrites - 1) & 0xff, (rewrites - 1) >> 8, 1024 * 1024]);
      return { peak, last: stats.fileBytes };
    };
    const small = peakAfter(16);
    const large = peakAfter(96);
    expect(large.peak).toBe(small.peak);
    expect(large.peak).toBeLessThan(8 * 1024 * 1024);
  });

  it('counts fsyncs and the bytes they covered', async () => {
    const s = new FileStorage(file);
    s.set('a', 1);
    await s.sync();
    await s.sync();
    const stats = s.stats();
    expect(stats).toMatchObject({ records: 1, syncs: 2 });
    expect(stats.bytesSynced).toBe(stats.fileBytes);
    s.close();
  });

  it('shares one fsync among every caller awaiting while it runs (group commit)', async () => {
    const s = new FileStorage(file);
    s.set('a', 1);
    const first = s.sync();
    s.set('b', 2);
    const waiting = Array.from({ length: 50 }, () => s.sync()); // all after 'b': they share the next fsync
    expect(waiting.every((p) => p === waiting[0])).toBe(true);
    expect(waiting[0]).not.toBe(first);
    await Promise.all([first, ...waiting]);
    expect(s.stats().syncs).toBe(2);
    s.close();
  });
});
