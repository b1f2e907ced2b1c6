import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';

/**
 * Issue 22 item 7: the knobs a lesson invites. `cp-vs-ap --shape/--loss` vary the partition and
 * the network under the same story; `partition --preset` runs memberlist's slower presets, and
 * the narration then says what the views hold instead of claiming detection that has not happened.
 */

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

describe('knobs a lesson invites', () => {
  it('cp-vs-ap --shape isolate-node --loss 0.1: one node cut off, replicas losing frames; CP still linearizable', async () => {
    const { code, text } = await run('demo', 'cp-vs-ap', '--seed', '42', '--no-report', '--shape', 'isolate-node', '--loss', '0.1');
    expect(code, text).toBe(0);
    expect(text).toMatch(/replay: faultline demo cp-vs-ap --seed 42 --runtime sim --shape isolate-node --loss 0\.1/);
    expect(text).toMatch(/Throughout, 10 % of frames between replicas are lost/);
    const cp = text.split('━━ ')[1] ?? '';
    // The sides the narration counts are the ones the shape cut: a lone node on the minority side, all of it failing.
    const minority = /minority side \{([^}]*)\}:\s+(\d+) ok\s+(\d+) failed/.exec(cp);
    expect(minority?.[1]?.split(',')).toHaveLength(1);
    expect(Number(minority?.[2])).toBe(0);
    expect(Number(minority?.[3])).toBeGreaterThan(0);
    expect(cp).toMatch(/checker: LINEARIZABLE/);
    expect((await run('demo', 'cp-vs-ap', '--shape', 'ring', '--no-report')).text).toMatch(/--shape must be one of 'split'/);
  }, 120_000);

  it('partition --preset lan: probes every second; the narration reports what the views hold after 3 s', async () => {
    const { code, text } = await run('demo', 'partition', '--seed', '1', '--preset', 'lan');
    expect(code, text).toBe(0);
    expect(text).toMatch(/probes every 1000 ms, the lan preset/);
    expect(text).not.toMatch(/Both sides see the other/);
    expect(text).toMatch(/\d+ of \d+ views across the cut say down or unreachable yet/);
    expect(text).toMatch(/Not yet detected as down by any of the 4 nodes/);
    const fast = await run('demo', 'partition', '--seed', '1');
    expect(fast.text).toMatch(/Both sides see the other as down or unreachable\. Only the majority keeps a quorum/);
    expect(fast.text).toMatch(/Detected as down by 4 of 4 nodes/);
  }, 120_000);
});
