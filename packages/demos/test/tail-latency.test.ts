import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { expectedTailShare, FANOUTS } from '../src/tail-latency/backend-latency.ts';
import { measureFanoutModel } from '../src/tail-latency/fanout-model.ts';

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

// Dean & Barroso, "The Tail at Scale" (CACM 2013): with fan-out N, 1 − 0.99^N of requests see a back end's p99.
describe('tail latency under fan-out', () => {
  it('measures within ±1.5 points of 1 − 0.99^N for every width, over 100k requests each', () => {
    const model = measureFanoutModel(2026, 100_000);
    expect(model.backendP99).toBeGreaterThan(15);
    expect(model.backendP99).toBeLessThan(25);
    expect(model.tails.map((t) => t.fanout)).toEqual(FANOUTS);
    for (const tail of model.tails) {
      expect(tail.requests).toBe(100_000);
      expect(Math.abs(tail.share - expectedTailShare(tail.fanout)), `N = ${tail.fanout}: ${tail.share}`).toBeLessThan(0.015);
    }
  });

  it('drives real actors: the measured tail grows with N, hedging cuts the p99 for a few % more messages', async () => {
    const { code, text } = await run('demo', 'tail-latency', '--seed', '3', '--n', '20', '--requests', '60', '--model', '1000');
    expect(code).toBe(0);
    expect(text).toMatch(/seed 3/);
    const shares = [...text.matchAll(/^\s+(\d+)\s+([\d.]+) % \(\d+\)\s+([\d.]+) % \(\d+\)/gm)].map((m) => ({ n: Number(m[1]), actors: Number(m[2]), model: Number(m[3]) }));
    expect(shares.map((s) => s.n)).toEqual(FANOUTS);
    // 60 requests: the actor-driven share is noisy, but N = 100 is far above N = 1.
    expect((shares[4]?.actors ?? 0) - (shares[0]?.actors ?? 100)).toBeGreaterThan(40);
    const cut = /cut the fan-out p99 by ([\d.]+) % for ([\d.]+) % more messages/.exec(text);
    expect(Number(cut?.[1])).toBeGreaterThan(10);
    expect(Number(cut?.[2])).toBeGreaterThan(0);
    expect(Number(cut?.[2])).toBeLessThan(12);
    expect(text).toMatch(/Latency histogram, single calls/);
    const again = await run('demo', 'tail-latency', '--seed', '3', '--n', '20', '--requests', '60', '--model', '1000');
    expect(again.text).toBe(text);
  }, 120_000);

  it('rejects a fan-out width out of range, naming --n, with exit 64', async () => {
    expect(await run('demo', 'tail-latency', '--n', '101')).toMatchObject({ code: 64, text: expect.stringMatching(/--n must be between 1 and 100/) });
    expect(await run('demo', 'tail-latency', '--n', 'x')).toMatchObject({ code: 64, text: expect.stringMatching(/--n/) });
  });
});
