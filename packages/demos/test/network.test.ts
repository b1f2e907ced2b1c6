import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

const scene = (text: string, n: number): string => text.split(/^━━ /m)[n] ?? '';
const num = (text: string, re: RegExp): number => Number(re.exec(text)?.[1] ?? NaN);

describe('network: five failure modes, a naive stream and a careful one', () => {
  it('shows what each mode does to the naive sum and that the careful receiver delivers 1…20 once, in order', async () => {
    const { code, text } = await run('demo', 'network', '--seed', '8');
    expect(code).toBe(0);
    expect(text).toMatch(/seed 8/);
    const [loss, delay, dup, reorder, oneWay] = [1, 2, 3, 4, 5].map((n) => scene(text, n)) as [string, string, string, string, string];
    // loss: the naive sum is short by exactly the values it never got; the careful one retransmitted.
    expect(loss).toMatch(/naive: +sum \d+ \(WRONG by -\d+\)/);
    expect(num(loss, /(\d+) retransmissions/)).toBeGreaterThan(0);
    // delay: nothing lost, but the careful sender's timeouts fired spuriously.
    expect(delay).toMatch(/naive: +sum 210 \(right\)/);
    expect(num(delay, /dropped (\d+) duplicates/)).toBeGreaterThan(0);
    // duplication: the naive sum is too high; the careful one drops copies.
    expect(dup).toMatch(/naive: +sum \d+ \(WRONG by \d+\)/);
    // reordering: arrivals out of order; the careful receiver buffered early ones.
    expect(num(reorder, /(\d+) out of order/)).toBeGreaterThan(0);
    expect(num(reorder, /buffered (\d+) early/)).toBeGreaterThan(0);
    // one-way: everything arrived, yet the careful sender got no ack and gave up on all 20.
    expect(oneWay).toMatch(/0 acknowledged, 20 given up unconfirmed/);
    for (const s of [loss, delay, dup, reorder, oneWay]) expect(s).toMatch(/careful: delivered 20 items, 1…20 in order, sum 210/);
    expect((await run('demo', 'network', '--seed', '8')).text).toBe(text);
  }, 60_000);

  it('flags the naive receiver\'s "latest" going back to an older value as WRONG, as a wrong sum is (docs seed 7; issue 22 item 7)', async () => {
    const { text } = await run('demo', 'network', '--seed', '7');
    const reorder = scene(text, 4);
    const stale = num(reorder, /(\d+) out of order/);
    expect(stale).toBeGreaterThan(0);
    expect(reorder).toMatch(new RegExp(`naive: .*its "latest" went back to an older value ${stale} times: WRONG`));
    // With no reordering the naive line says nothing is out of order and does not cry wolf.
    expect(scene(text, 1)).toMatch(/0 out of order; ends on \d+ /);
  }, 60_000);

  it('runs one scene with --scene, and names --scene when it is unknown (exit 64)', async () => {
    const one = await run('demo', 'network', '--seed', '8', '--scene', 'duplication');
    expect(one.code).toBe(0);
    expect(one.text.split(/^━━ /m)).toHaveLength(2);
    expect(one.text).toMatch(/duplication: 30 %/);
    expect(await run('demo', 'network', '--scene', 'gremlins')).toMatchObject({ code: 64, text: expect.stringMatching(/--scene must be one of 'loss'/) });
  });
});
