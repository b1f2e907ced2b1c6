import { describe, expect, it } from 'vitest';
import { membershipScene } from '../src/raft/membership-scene.ts';

// The raft demo's membership scene (Raft thesis §4.1), one seed per row, in the simulator.

describe('demo raft --scene membership', () => {
  it('grows 3 → 5 and back under chaos, measures each row against fixed configurations, and prints its seed and replay', async () => {
    const lines: string[] = [];
    await membershipScene(4, 1, (l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toContain('seeds 4–4');
    expect(text).toContain('replay: pnpm faultline demo raft --scene membership --seed 4');
    const row = (label: string) => lines.find((l) => l.trimStart().startsWith(label)) ?? '';
    for (const label of ['fixed 5 voters', 'fixed 3 voters', '3 ↔ 5 voters']) {
      // ok failed unknown elections unavailable longest … two leaders safe
      expect(row(label)).toMatch(/^\s+\S.*?\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\.\d s\s+\d+ ms\s+.*\s0\s+1\/1$/);
    }
    const changes = /(\d+)\/(\d+)\/(\d+) \((\d+)\)/.exec(row('3 ↔ 5 voters'));
    expect(Number(changes?.[1])).toBeGreaterThan(5); // changes committed
    expect(Number(changes?.[4])).toBeGreaterThan(0); // the leader removed at least once
  }, 60_000);
});
