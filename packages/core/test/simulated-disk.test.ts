import { describe, expect, it } from 'vitest';
import { ALREADY_DURABLE, ConfigError, createRng, dist, DiskFullError, SimulatedDisk, type DiskClock } from '../src/index.ts';

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

  it('refuses a bad sync latency, naming the field', () => {
    expect(() => new SimulatedDisk({ syncLatencyMs: dist.uniform(5, 1) }, copy, size)).toThrow(ConfigError);
    expect(() => new SimulatedDisk({ syncLatencyMs: dist.uniform(5, 1) }, copy, size)).toThrow(/disk\.syncLatencyMs\.maxMs/);
  });
});

/** A hand-driven clock: timers run only when the test advances time. */
function manualClock(seed = 1): DiskClock & { advance(ms: number): void; readonly now: number } {
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  let now = 0;
  return {
    rng: createRng(seed),
    get now() { return now; },
    after(ms, fn) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => { t.live = false; };
    },
    advance(ms) {
      now += ms;
      for (const t of timers.filter((x) => x.live && x.at <= now).sort((a, b) => a.at - b.at)) { t.live = false; t.fn(); }
    },
  };
}

describe('SimulatedDisk: a sync that takes time', () => {
  it('without a sync latency, sync is durable before it returns', () => {
    const disk = new SimulatedDisk({ onCrash: 'lose-unsynced' }, copy, size, manualClock());
    disk.set('a', 1);
    expect(disk.sync()).toBe(ALREADY_DURABLE);
    disk.crash(createRng(1));
    expect(disk.get('a')).toBe(1);
  });

  it('makes writes durable only when the seeded latency has passed; a crash before loses them', async () => {
    const clock = manualClock();
    const disk = new SimulatedDisk({ onCrash: 'lose-unsynced', syncLatencyMs: dist.constant(10) }, copy, size, clock);
    disk.set('a', 1);
    let done = false;
    void disk.sync().then(() => { done = true; });
    clock.advance(9);
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    expect(disk.crash(createRng(1))).toMatchObject({ lost: 1 });
    expect(disk.get('a')).toBeUndefined();
    disk.set('b', 2);
    const synced = disk.sync();
    clock.advance(10);
    await synced;
    disk.crash(createRng(1));
    expect(disk.get('b')).toBe(2);
    expect(disk.stats()).toMatchObject({ syncs: 1, syncMs: 10 });
  });

  it('shares one flush among callers whose writes it covers, and one more among those who wrote after it started', async () => {
    const clock = manualClock();
    const disk = new SimulatedDisk({ syncLatencyMs: dist.constant(5) }, copy, size, clock);
    disk.set('a', 1);
    const first = [disk.sync(), disk.sync(), disk.sync()];
    disk.set('b', 2);
    const second = [disk.sync(), disk.sync()];
    expect(new Set(first).size).toBe(1);
    expect(new Set(second).size).toBe(1);
    expect(second[0]).not.toBe(first[0]);
    clock.advance(5);
    await first[0];
    expect(disk.stats().syncs).toBe(1);
    expect(disk.unsynced).toBe(1); // 'b' waits for the second flush
    clock.advance(5);
    await second[0];
    expect(disk.stats()).toMatchObject({ syncs: 2, bytesSynced: disk.stats().bytesWritten });
  });

  it('a slow fault makes syncs take the slow latency until fast', async () => {
    const clock = manualClock();
    const disk = new SimulatedDisk({ syncLatencyMs: dist.constant(1), slowSyncLatencyMs: dist.constant(100) }, copy, size, clock);
    disk.setSlow(true);
    disk.set('a', 1);
    let done = false;
    void disk.sync().then(() => { done = true; });
    clock.advance(99);
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    clock.advance(1);
    await new Promise((r) => setImmediate(r)); // every promise continuation has run
    expect(done).toBe(true);
    disk.setSlow(false);
    disk.set('b', 1);
    const fast = disk.sync();
    clock.advance(1);
    await fast;
    expect(disk.stats().syncMs).toBe(101);
  });
});
