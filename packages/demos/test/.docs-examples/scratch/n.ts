import assert from 'node:assert/strict';
import { defineActor, dist, type Address } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, fault, select, Nemesis, faultTarget } from '@faultline/transport';

const Counter = defineActor<'hit' | 'count', void>({
  kind: 'docs.counter',
  setup() {
    let hits = 0;
    return { receive: (m) => (m === 'hit' ? ++hits : hits) };
  },
});
const Caller = defineActor<Address, void>({
  kind: 'docs.caller',
  setup(ctx) {
    return { async receive(to) { return (await ctx.ask(to, 'hit', { timeoutMs: 50 })).status; } };
  },
});

const net = new FaultNetwork({ nodes: 3, baseLatency: dist.constant(1) });
const sim = new Simulation({ seed: 1, nodes: 3, network: net.attach });
const caller = await sim.spawn('n1', 'caller', Caller, undefined);
const counter = await sim.spawn('n2', 'counter', Counter, undefined);
const call = async () => { const o = await sim.ask<string>(caller, counter); assert.equal(o.status, 'ok'); return o.status === 'ok' ? o.value : ''; };
console.log(await call(), sim.now());
const loss = net.install({ target: select.link('n1', 'n2'), fault: fault.drop(1) });
console.log(await call(), (await sim.ask(counter, 'count')));
loss.remove();
net.partitionOneWay('n2', 'n1');
console.log(await call(), (await sim.ask(counter, 'count')));
net.healAll();
console.log(await call());
console.log(JSON.stringify(net.counters.snapshot().links));
// rule-order gotcha
net.install({ target: select.all(), fault: fault.delay(dist.constant(20)) });
net.install({ target: select.all(), fault: fault.drop(1) });
const t = sim.now(); console.log(await call(), sim.now() - t);
console.log(net.rules.map(r=>r.id));
const nem = new Nemesis(faultTarget(sim, net), { seed: 3, schedule: [
  { at: 100, do: { kind: 'partition', shape: 'isolate-node', node: 'n2' } },
  { at: 200, do: { kind: 'heal' } },
  { at: 300, do: { kind: 'crash', nodes: ['n3'] } },
  { at: 400, do: { kind: 'restart' } },
]});
await nem.run((ms) => sim.sleep(ms));
console.log(nem.formatLog());
const gen = new Nemesis(faultTarget(sim, net), { seed: 3, generate: { untilMs: 6000 } });
console.log(gen.schedule.map(s => `${s.at} ${s.op.kind}`).join(', '));
