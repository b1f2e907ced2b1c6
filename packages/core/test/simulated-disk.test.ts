import { describe, expect, it } from 'vitest';
import { createRng, DiskFullError, SimulatedDisk } from '../src/index.ts';

// Issue 21: the opt-in disk model (turmoil's src/fs.rs: writes pending until sync, lost on crash).
const copy = <T>(v: T): T => structuredClone(v);
const size = (v: unknown): number => JSON.stringify(v).length;

describe('SimulatedDisk: writes pending until sync', () => {
  it('shows a write at once but loses it in a crash unless it was synced', () => {
    const disk = new SimulatedDisk({ onCrash: 'lose-unsynced' }, copy, size);
    disk.set('a', 1);
    disk.sync();
    disk.set('b', 2);
    disk.delete('a');
    expect(disk.keys()).toEqual(['b']);
    expect(disk.crash(createRng(1))).toEqual({ lost: 2, kept: 0, torn: false });
    expect(disk.get('a')).toBe(1);
    expect(disk.get('b')).toBeUndefined();
    expect(disk.stats()).toMatchObject({ writes: 3, syncs: 1, lostWrites: 2 });
  });

  it('keeps a seeded prefix of unsynced writes and tears the next one', () => {
    const kept = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      const disk = new SimulatedDisk({}, copy, size);
      for (let i = 0; i < 5; i++) disk.set(`k${i}`, i);
      const loss = disk.crash(createRng(seed));
      kept.add(loss.kept);
      // A prefix: if k(i) survived, every earlier one did.
      const survivors = disk.keys().map((k) => Number(k.slice(1)));
      expect(survivors).toEqual([...Array(loss.kept).keys()]);
      expect(loss.torn).toBe(loss.lost > 0);
    }
    expect(kept.size).toBeGreaterThan(2);
  });

  it('refuses a write past its capacity with DiskFullError and keeps what it had', () => {
    const disk = new SimulatedDisk({ capacityBytes: 20 }, copy, size);
    disk.set('a', 'x'.repeat(10));
    expect(() => disk.set('b', 'y'.repeat(10))).toThrow(DiskFullError);
    disk.set('a', 'z'); // rewriting a key frees its old bytes
    expect(disk.get('a')).toBe('z');
    expect(disk.get('b')).toBeUndefined();
  });

  it('drops a corrupted record instead of reading it', () => {
    const disk = new SimulatedDisk({}, copy, size);
    disk.set('a', 1);
    disk.sync();
    expect(disk.corrupt(createRng(3))).toBe('a');
    expect(disk.get('a')).toBeUndefined();
    expect(disk.stats().corruptRecords).toBe(1);
  });
});
