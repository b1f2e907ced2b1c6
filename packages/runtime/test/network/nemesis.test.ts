import { describe, expect, it } from 'vitest';
import { address, type ClockFault, type NodeId } from '@faultline/core';
import { FaultNetwork, Nemesis, faultTarget, type FaultTarget, type NemesisLogEntry } from '@faultline/transport';
import { Simulation } from '../../src/index.ts';
import { Chatter, Echo } from '../fixtures/actors.ts';

function simTarget(seed: number, nodes = 5, clockFault?: (node: NodeId, fault: ClockFault) => void) {
  const net = new FaultNetwork({ nodes });
  const sim = new Simulation({ seed, nodes, network: net.attach, trace: true });
  return { net, sim, target: faultTarget(sim, net, clockFault) };
}

/** A whole run: chattering nodes under a generated nemesis. */
async function chatterRun(simSeed: number, nemesisSeed: number) {
  const { net, sim, target } = simTarget(simSeed);
  const peers = sim.nodes.map((n) => address(n, 'chatter'));
  for (const n of sim.nodes) await sim.spawn(n, 'chatter', Chatter, { peers, rounds: 1500 });
  const nemesis = new Nemesis(target, { seed: nemesisSeed, generate: { intervalMs: 400, durationMs: 600, untilMs: 8_000 } });
  await nemesis.run((ms) => sim.sleep(ms));
  await sim.sleep(2_000);
  return { hash: sim.traceHash(), nemesis, counters: net.counters.snapshot(), stats: { ...sim.stats } };
}

describe('the nemesis: a seeded schedule of faults', () => {
  it('plans the same schedule from the same seed, and a different one from another seed', () => {
    const plan = (seed: number) => new Nemesis(simTarget(1).target, { seed, generate: { untilMs: 30_000 } }).schedule;
    expect(plan(7)).toEqual(plan(7));
    expect(JSON.stringify(plan(7))).not.toEqual(JSON.stringify(plan(8)));
    const schedule = plan(7);
    expect(schedule.length).toBeGreaterThanOrEqual(20);
    // Every fault is undone before the next starts: ops alternate start, undo.
    const undo: Record<string, string> = { partition: 'heal', crash: 'restart', pause: 'resume', 'link-fault': 'remove-link-fault' };
    for (let i = 0; i < schedule.length; i += 2) expect(schedule[i + 1]?.op.kind).toBe(undo[schedule[i]?.op.kind ?? '']);
    expect(schedule.some((s) => s.op.kind === 'clock')).toBe(false);
  });

  it('gives the same message trace hash for the same seeds, and a different one for another nemesis seed', async () => {
    const a = await chatterRun(5, 99);
    const b = await chatterRun(5, 99);
    const c = await chatterRun(5, 100);
    expect(a.hash).toBe(b.hash);
    expect(a.nemesis.formatLog()).toBe(b.nemesis.formatLog());
    expect(a.counters).toEqual(b.counters);
    expect(c.hash).not.toBe(a.hash);
    expect(a.nemesis.log.every((e) => e.ok)).toBe(true);
    expect(a.counters.total.dropped).toBeGreaterThan(0);
  });

  it('runs a declarative schedule at the stated virtual times', async () => {
    const { net, sim, target } = simTarget(3);
    const nemesis = new Nemesis(target, {
      seed: 1,
      schedule: [
        { at: 5_000, do: { kind: 'heal' } },
        { at: 2_000, do: { kind: 'partition', shape: 'majority-minority' } },
      ],
    });
    const seen: NemesisLogEntry[] = [];
    nemesis.events.on('op', (e) => seen.push(e));
    const running = nemesis.run((ms) => sim.sleep(ms));
    await sim.sleep(3_000);
    expect(net.snapshot().blocked).toHaveLength(12); // 3 × 2 nodes, both ways
    await running;
    expect(net.snapshot().blocked).toHaveLength(0);
    expect(seen.map((e) => [e.now, e.op.kind])).toEqual([[2_000, 'partition'], [5_000, 'heal']]);
    expect(nemesis.formatLog()).toMatch(/^ +2000ms {2}partition majority-minority \{n\d,n\d,n\d\} \| \{n\d,n\d\}\n +5000ms {2}heal all partitions$/);
  });

  it('drives crash/restart and pause/resume through the FaultTarget against a Simulation', async () => {
    const { sim, target } = simTarget(4, 3);
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    const nemesis = new Nemesis(target, {
      seed: 2,
      schedule: [
        { at: 100, do: { kind: 'crash', nodes: ['n2'] } },
        { at: 200, do: { kind: 'restart' } },
        { at: 300, do: { kind: 'pause', nodes: ['n2'] } },
        { at: 600, do: { kind: 'resume' } },
      ],
    });
    const running = nemesis.run((ms) => sim.sleep(ms));
    await sim.ask(echo, 'a');
    await sim.ask(echo, 'b');
    expect(await sim.ask(echo, 'count')).toEqual({ status: 'ok', value: 3 });
    await sim.sleep(150 - sim.now());
    expect(sim.isUp('n2')).toBe(false);
    expect(await sim.ask(echo, 'lost', { timeoutMs: 20 })).toMatchObject({ status: 'failed', code: 'node-down' });
    await sim.sleep(250 - sim.now());
    expect(sim.isUp('n2')).toBe(true);
    expect(await sim.ask(echo, 'count')).toEqual({ status: 'ok', value: 1 }); // fresh state after restart
    await sim.sleep(350 - sim.now());
    const held = sim.ask(echo, 'held', { timeoutMs: 1_000 });
    await running;
    expect(await held).toEqual({ status: 'ok', value: 'held' });
    expect(sim.now()).toBeGreaterThanOrEqual(600);
    expect(nemesis.log.map((e) => e.text)).toEqual(['crash n2', 'restart n2', 'pause n2', 'resume n2']);
  });

  it('includes clock faults only when the target can apply them, and resets them when undone', async () => {
    const applied: string[] = [];
    const { sim, target } = simTarget(5, 3, (node, fault) => { applied.push(`${node} ${fault.kind}`); });
    const nemesis = new Nemesis(target, { seed: 3, generate: { families: ['clock'], untilMs: 6_000 } });
    expect(nemesis.schedule.every((s) => s.op.kind === 'clock')).toBe(true);
    await nemesis.run((ms) => sim.sleep(ms));
    expect(applied).toHaveLength(nemesis.schedule.length);
    expect(applied.filter((a) => a.endsWith('reset'))).toHaveLength(nemesis.schedule.length / 2);
    const withClocks = new Nemesis(target, { seed: 3, generate: { untilMs: 60_000 } }).schedule;
    expect(withClocks.some((s) => s.op.kind === 'clock')).toBe(true);
  });

  it('installs link faults at the front of the rule list and removes them when undone', async () => {
    const { net, sim, target } = simTarget(6, 3);
    net.install({ target: { kind: 'all' }, fault: { kind: 'delay', distribution: { kind: 'constant', ms: 1 } } });
    const nemesis = new Nemesis(target, {
      seed: 4,
      schedule: [
        { at: 10, do: { kind: 'link-fault', tag: 'loss', target: { kind: 'inbound', node: 'n3' }, fault: { kind: 'drop', probability: 1 } } },
        { at: 20, do: { kind: 'remove-link-fault', tag: 'loss' } },
      ],
    });
    const labels: (string | undefined)[][] = [];
    net.events.on('update', () => labels.push(net.rules.map((r) => r.label)));
    await nemesis.run((ms) => sim.sleep(ms));
    expect(labels).toEqual([['nemesis loss', undefined], [undefined]]);
  });

  it('records a failing op, carries on, and undoes what is still in effect at the end', async () => {
    const { net, sim, target } = simTarget(7, 3);
    const flaky: FaultTarget = { ...target, pause: async () => { throw new Error('cannot pause'); } };
    const nemesis = new Nemesis(flaky, {
      seed: 5,
      schedule: [
        { at: 10, do: { kind: 'pause', nodes: ['n1'] } },
        { at: 20, do: { kind: 'partition', shape: 'isolate-node', node: 'n2' } },
        { at: 30, do: { kind: 'crash', nodes: ['n3'] } },
      ],
    });
    await nemesis.run((ms) => sim.sleep(ms));
    expect(nemesis.log.map((e) => [e.text, e.ok, e.final ?? false])).toEqual([
      ['pause n1', false, false],
      ['partition isolate-node {n2} | {n1,n3}', true, false],
      ['crash n3', true, false],
      ['heal all partitions', true, true],
      ['restart n3', true, true],
    ]);
    expect(nemesis.log[0]?.error).toMatch(/cannot pause/);
    expect(net.snapshot().blocked).toEqual([]);
    expect(sim.isUp('n3')).toBe(true);
    expect(nemesis.formatLog()).toContain('FAILED: Error: cannot pause');
  });

  it('stops after the step in progress and still undoes what is in effect', async () => {
    const { net, sim, target } = simTarget(8, 3);
    const nemesis = new Nemesis(target, { seed: 6, generate: { families: ['partition'], intervalMs: 100, durationMs: 100, untilMs: 10_000 } });
    nemesis.events.on('op', (e) => { if (e.op.kind === 'partition') nemesis.stop(); });
    let done = 0;
    nemesis.events.on('done', () => { done++; });
    const log = await nemesis.run((ms) => sim.sleep(ms));
    // The steps after the stop are logged as skipped, not dropped.
    const ran = log.filter((e) => !e.skipped);
    expect(ran.map((e) => [e.op.kind, e.final ?? false])).toEqual([['partition', false], ['heal', true]]);
    expect(log.length - ran.length).toBe(nemesis.schedule.length - 1);
    expect(log.filter((e) => e.skipped).every((e) => !e.ok && /stopped/.test(e.error ?? ''))).toBe(true);
    expect(net.snapshot().blocked).toEqual([]);
    expect(done).toBe(1);
    expect(sim.now()).toBe(100);
  });
});
