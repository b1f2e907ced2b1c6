import { describe, expect, it } from 'vitest';
import { checkHistory, registerModel } from '@faultline/checker';
import { createRng } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { CpRegister, REGISTER_ACTOR, runWorkload } from '../src/index.ts';

describe('CP register smoke', () => {
  it('is linearizable without faults', async () => {
    const sim = new Simulation({ seed: 3, nodes: 5 });
    for (const n of sim.nodes) await sim.spawn(n, REGISTER_ACTOR, CpRegister, {});
    const { history, summary } = await runWorkload(sim, createRng(3).derive('workload'), { durationMs: 2000 });
    const result = checkHistory(registerModel, history.events);
    console.log(summary, result.verdict);
    expect(summary.ok).toBeGreaterThan(100);
    expect(result.verdict).toBe('linearizable');
  });
});
