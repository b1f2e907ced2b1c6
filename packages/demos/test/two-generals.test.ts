import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { endingProbabilities, explore } from '../src/two-generals/exhaustive.ts';
import { sampleRun } from '../src/two-generals/sampled.ts';

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

// Akkoyunlu, Ekanadham & Huber (1975); Gray (1978): no protocol over a lossy channel guarantees agreement.
describe('the Two Generals', () => {
  it('for every k = 0…4 the exhaustive search finds a run where one general attacks alone', () => {
    for (let k = 0; k <= 4; k++) {
      const runs = explore(k);
      expect(runs).toHaveLength(2 ** (k + 1));
      const alone = runs.filter((r) => r.ending === 'A alone' || r.ending === 'B alone');
      expect(alone.length, `k = ${k}`).toBeGreaterThan(0);
      // The bad run is the one where only the last messenger is lost.
      expect(alone.every((r) => r.sent === k + 1 && r.lost[k] === true)).toBe(true);
      expect(runs.filter((r) => r.ending === 'both attack')).toHaveLength(1);
    }
  });

  it('weights the patterns into P(coordinated attack) = (1 − p)^(k+1), and the probabilities sum to 1', () => {
    for (let k = 0; k <= 4; k++) {
      for (const p of [0, 0.1, 0.5, 1]) {
        const e = endingProbabilities(k, p);
        expect(e['both attack']).toBeCloseTo((1 - p) ** (k + 1), 12);
        expect(e['both attack'] + e['both hold'] + e['A alone'] + e['B alone']).toBeCloseTo(1, 12);
      }
    }
  });

  it('runs the protocol as actors in the simulator: with every messenger lost after the first, A attacks alone', async () => {
    const perfect = await sampleRun(1, 3, 0);
    expect(perfect.ending).toBe('both attack');
    expect(perfect.trace.filter((e) => e.ev === 'deliver')).toHaveLength(4);
    const lossy = await sampleRun(1, 0, 1);
    expect(lossy.ending).toBe('A alone');
  });

  it('prints the table, a bad run as a diagram, and replays byte for byte', async () => {
    const { code, text } = await run('demo', 'two-generals', '--seed', '5', '--samples', '40', '--p', '0.3');
    expect(code).toBe(0);
    expect(text).toMatch(/seed 5/);
    for (let k = 0; k <= 4; k++) expect(text).toMatch(new RegExp(`k = ${k}: ${2 ** (k + 1)} patterns, ${k + 2} distinct runs: 1 both attack`));
    expect(text).toMatch(/that ended "(A|B) alone"/);
    expect(text).toMatch(/-m#1-+>\|/);
    expect(text).toMatch(/x +\|? *dropped/);
    expect((await run('demo', 'two-generals', '--seed', '5', '--samples', '40', '--p', '0.3')).text).toBe(text);
  }, 60_000);

  it('rejects p outside 0..1 with exit 64, naming --p', async () => {
    expect(await run('demo', 'two-generals', '--p', '1.5')).toMatchObject({ code: 64, text: expect.stringMatching(/--p must be between 0 and 1/) });
  });
});
