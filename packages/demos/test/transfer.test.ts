import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { runSweepSeed, sweepSeeds } from '../src/transfer/transfer-sweep.ts';

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

/** The four scene blocks of the demo's output, by number. */
const scenes = (text: string): string[] => text.split(/^━━ /m).slice(1, 5);

describe('transfer: money under partial failure', () => {
  it('over 200 seeds of crashes, loss and one-way cuts, the naive protocol breaks the invariant and the careful one never does', async () => {
    const seeds = sweepSeeds(2026, 200);
    let naiveBroke = 0;
    for (const seed of seeds) {
      const naive = await runSweepSeed(seed, 'naive');
      const careful = await runSweepSeed(seed, 'careful');
      if (naive.total !== naive.expected) naiveBroke++;
      expect(careful.total, `careful, seed ${seed}: ${careful.faults}`).toBe(careful.expected);
      expect(careful.verdicts, `careful, seed ${seed}`).not.toContain('pending');
    }
    expect(naiveBroke).toBeGreaterThan(0);
  }, 120_000);

  it('catches each meaning of a timeout in a concrete run, with the money it created or destroyed', async () => {
    const { code, text } = await run('demo', 'transfer', '--seed', '4', '--runs', '0');
    expect(code).toBe(0);
    expect(text).toMatch(/seed 4/);
    const [lost, reply, slow, crash] = scenes(text) as [string, string, string, string];
    expect(lost).toMatch(/naive .*\n.*timeout on t1\/debit#1 at [\d.]+ ms: the request was lost/);
    expect(reply).toMatch(/naive +verdict done; A 900 \+ B \d+ = \d+ \(\$\d+ CREATED\)/);
    expect(reply).toMatch(/processed, the reply was lost \(applied/);
    expect(slow).toMatch(/naive +verdict aborted; A 900 \+ B 1000 = 1900 \(\$100 DESTROYED\)/);
    expect(slow).toMatch(/still being processed \(applied/);
    expect(crash).toMatch(/naive .*\(\$100 DESTROYED\)/);
    for (const scene of [lost, reply, slow, crash]) expect(scene).toMatch(/careful +verdict done; A 900 \+ B 1100 = 2000 \(conserved\)/);
    expect((await run('demo', 'transfer', '--seed', '4', '--runs', '0')).text).toBe(text);
  }, 60_000);

  it('runs on worker threads: the careful teller conserves money in every scene, the naive one does not', async () => {
    const { code, text } = await run('demo', 'transfer', '--runtime', 'workers', '--seed', '4', '--runs', '0');
    expect(code).toBe(0);
    for (const scene of scenes(text)) expect(scene).toMatch(/careful +verdict done; A 900 \+ B 1100 = 2000 \(conserved\)/);
    expect(text).toMatch(/naive .*(CREATED|DESTROYED)/);
  }, 120_000);

  it('rejects a bad --runs with exit 64, naming it', async () => {
    expect(await run('demo', 'transfer', '--runs', '-1')).toMatchObject({ code: 64, text: expect.stringMatching(/--runs must be between 0 and 2000/) });
    // Another demo's option is not this one's.
    expect(await run('demo', 'transfer', '--p', '0.5')).toMatchObject({ code: 64, text: expect.stringMatching(/unknown option --p/) });
  });
});
