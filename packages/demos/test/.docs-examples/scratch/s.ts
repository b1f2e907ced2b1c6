import { defineActor } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
const Fragile = defineActor<string, void>({ kind: 'f', supervision: { onFailure: 'escalate' }, setup() { return { receive(m) { if (m === 'boom') throw new Error('bad'); return m; } }; } });
const Child = defineActor<string, void>({ kind: 'c', setup() { return { receive(m) { if (m === 'boom') throw new Error('child bad'); return m; } }; } });
const sim = new Simulation({ seed: 1, nodes: 3 });
sim.events.on('node-down', (e) => console.log('down', e));
sim.events.on('node-event', (e) => console.log('ev', JSON.stringify(e)));
const f = await sim.spawn('n3', 'f', Fragile, undefined);
console.log(await sim.ask(f, 'boom'));
console.log(sim.isUp('n3'));
await sim.restart('n3');
console.log(sim.isUp('n3'), await sim.ask(f, 'hi'));
// stop policy
const S = defineActor<string, void>({ kind: 's', supervision: { onFailure: 'stop' }, setup() { return { receive(m) { if (m === 'boom') throw new Error('bad'); return m; } }; } });
const s = await sim.spawn('n1', 's', S, undefined);
console.log(await sim.ask(s, 'boom'));
console.log(await sim.ask(s, 'hi'));
