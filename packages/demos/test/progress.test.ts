// Progress for long runs (issue 10, item 7): shown only on a terminal, never in piped output, and
// watching a run does not change it.
import { describe, expect, it } from 'vitest';
import { Simulation } from '@faultline/runtime';
import { runCli } from '../src/cli/main.ts';
import { countAsks, Progress, progressEnabled, renderProgress } from '../src/cli/progress.ts';
import { EchoServer as Echo } from '../src/echo/echo-actors.ts';

describe('progress', () => {
  it('is on for a terminal only, unless FAULTLINE_PROGRESS says otherwise', () => {
    expect(progressEnabled({}, { isTTY: true, write: () => true })).toBe(true);
    expect(progressEnabled({}, { write: () => true })).toBe(false);
    expect(progressEnabled({ FAULTLINE_PROGRESS: '0' }, { isTTY: true, write: () => true })).toBe(false);
    expect(progressEnabled({ FAULTLINE_PROGRESS: '1' }, { write: () => true })).toBe(true);
  });

  it('says how many nodes started, the true and real time, and the operations done', () => {
    expect(renderProgress({ nodesStarted: 12, nodes: 25, trueMs: undefined, realMs: 41_200, operations: 0 }))
      .toBe('faultline: 12/25 nodes started · real 41 s · 0 operations done');
    expect(renderProgress({ nodesStarted: 25, nodes: 25, trueMs: 12_345, realMs: 3_000, operations: 1234 }))
      .toBe('faultline: 25/25 nodes started · true time 12.3 s · real 3 s · 1234 operations done');
  });

  it('counts completed asks and reads virtual time, and erases its line at the end', async () => {
    const written: string[] = [];
    let real = 0;
    const progress = new Progress({ isTTY: true, write: (t) => written.push(t) }, 3, () => real, 60_000);
    const sim = progress.watch(new Simulation({ seed: 1, nodes: 3 }));
    const echo = await sim.spawn('n1', 'echo', Echo, undefined);
    for (let i = 0; i < 5; i++) await sim.ask(echo, { text: String(i) });
    real = 2000;
    expect(progress.state()).toMatchObject({ nodesStarted: 3, nodes: 3, operations: 5, realMs: 2000 });
    expect(progress.state().trueMs).toBe(sim.now());
    progress.stop();
    expect(written).toEqual([]); // never drawn (interval not reached), so nothing to erase
  });

  it('leaves the outcome of every ask as it was', async () => {
    const plain = new Simulation({ seed: 3, nodes: 2 });
    const counted = countAsks(new Simulation({ seed: 3, nodes: 2 }), () => {});
    const run = async (sim: typeof plain) => {
      const echo = await sim.spawn('n2', 'echo', Echo, undefined);
      return Promise.all([1, 2, 3].map((i) => sim.ask(echo, { text: String(i) }).then((o) => [o, sim.now()])));
    };
    expect(await run(counted as Simulation)).toEqual(await run(plain));
  });

  it('writes nothing extra when not on a terminal (the test runner pipes stderr)', async () => {
    const lines: string[] = [];
    const stderr = process.stderr.write;
    const extra: string[] = [];
    process.stderr.write = ((chunk: string) => (extra.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await runCli(['demo', 'echo', '--seed', '1'], (l) => lines.push(l))).toBe(0);
    } finally {
      process.stderr.write = stderr;
    }
    expect(extra.filter((t) => t.includes('nodes started'))).toEqual([]);
    expect(lines.join('\n')).not.toContain('nodes started');
  });
});
