import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { FALLACY_SCENES } from '../src/fallacies/fallacies-demo.ts';

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

const scene = async (name: string, seed = 6) => {
  const r = await run('demo', 'fallacies', '--seed', String(seed), '--scene', name);
  expect(r.code).toBe(0);
  expect(r.text.split(/^━━ /m)).toHaveLength(2); // exactly one scene ran
  return r.text;
};
const num = (text: string, re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);

describe('fallacies: the eight, one measured scene each', () => {
  it('has eight scenes with distinct names', () => {
    expect(FALLACY_SCENES).toHaveLength(8);
    expect(new Set(FALLACY_SCENES.map((s) => s.name)).size).toBe(8);
  });

  it('reliable: some of 1000 messages are lost, as many as the link dropped', async () => {
    const text = await scene('reliable');
    const arrived = num(text, /arrived (\d+) of 1000/);
    expect(arrived).toBeLessThan(1000);
    expect(num(text, /counted (\d+) drops/)).toBe(1000 - arrived);
  });

  it('latency: a WAN round trip is far from zero and has a tail', async () => {
    const text = await scene('latency');
    expect(num(text, /p50 ([\d.]+) ms/)).toBeGreaterThan(60);
    expect(num(text, /p99 ([\d.]+) ms/)).toBeGreaterThan(num(text, /p50 ([\d.]+) ms/) * 1.3);
  });

  it('bandwidth: past capacity the queueing delay grows many-fold and frames are dropped', async () => {
    const text = await scene('bandwidth');
    const rows = [...text.matchAll(/^\s+([\d.]+) %\s+([\d.]+) ms\s+([\d.]+) ms\s+(\d+) of (\d+)/gm)].map((m) => ({ load: Number(m[1]), p50: Number(m[2]), dropped: Number(m[4]) }));
    expect(rows.map((r) => r.load)).toEqual([25, 50, 90, 110, 150]);
    expect(rows[4]?.p50 ?? 0).toBeGreaterThan(10 * (rows[0]?.p50 ?? Infinity));
    expect(rows[0]?.dropped).toBe(0);
    expect(rows[4]?.dropped ?? 0).toBeGreaterThan(0);
  });

  it('secure: forged and replayed frames are believed without auth, rejected with a keyed MAC and sequence (issue 20)', async () => {
    const text = await scene('secure');
    expect(text).toMatch(/without frame auth: the vault paid 4 order\(s\): 1000000 to mallory; 1000000 to mallory; 10 to bob; 10 to bob/);
    expect(text).toMatch(/paid 1; rejected 3:/);
    expect(text).toMatch(/missing-mac/);
    expect(text).toMatch(/bad-mac/);
    expect(text).toMatch(/replayed \(number 0 from 'n1' was seen before\)/);
  });

  it('topology: membership follows a join and a leave, and no key moves needlessly', async () => {
    const text = await scene('topology');
    expect(text).toMatch(/n5 joins through n1: alive per n1 = \{n1,n2,n3,n4,n5\}; 5 of 5 nodes agree/);
    expect(text).toMatch(/n2 leaves: alive per n1 = \{n1,n3,n4,n5\}/);
    expect([...text.matchAll(/(\d+) between nodes that stayed/g)].map((m) => m[1])).toEqual(['0', '0', '0']);
  });

  it('administrator: mismatched settings turn done work into timeouts', async () => {
    const text = await scene('administrator');
    expect(text).toMatch(/as configured: +0 ok, 20 timed out \(unknown\) — yet the service handled 20/);
    expect(text).toMatch(/timeout 200 ms: +20 ok, 0 timed out/);
  });

  it('transport cost: CP sends more messages and bytes per operation than AP', async () => {
    const text = await scene('transport-cost');
    const cp = /CP .*?([\d.]+) messages\/op\s+(\d+) bytes\/op/.exec(text);
    const ap = /AP .*?([\d.]+) messages\/op\s+(\d+) bytes\/op/.exec(text);
    expect(Number(cp?.[1])).toBeGreaterThan(Number(ap?.[1]));
    expect(Number(cp?.[2])).toBeGreaterThan(Number(ap?.[2]));
  });

  it('homogeneous: the slow node sets the pace of wait-for-all; an older wire version is a clear error and the node goes on', async () => {
    const text = await scene('homogeneous');
    expect(num(text, /wait for all three: +p50 ([\d.]+) ms/)).toBeGreaterThan(5 * num(text, /wait for any two: +p50 ([\d.]+) ms/));
    expect(text).toMatch(/n2 refused it: malformed frame: wire version 2, expected 3/);
    expect(text).toMatch(/and went on: 1 message\(s\) of the current version delivered/);
  });

  it('replays the whole tour byte for byte, and names --scene when it is unknown (exit 64)', async () => {
    const a = await run('demo', 'fallacies', '--seed', '6');
    expect(a.code).toBe(0);
    expect(a.text.split(/^━━ /m)).toHaveLength(9);
    expect((await run('demo', 'fallacies', '--seed', '6')).text).toBe(a.text);
    // A scene run alone prints what it printed in the tour.
    const alone = await scene('reliable');
    expect(a.text).toContain(alone.split('━━ ')[1] as string);
    expect(await run('demo', 'fallacies', '--scene', 'fast')).toMatchObject({ code: 64, text: expect.stringMatching(/--scene must be one of 'reliable'/) });
  }, 120_000);
});
