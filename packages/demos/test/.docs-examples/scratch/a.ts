import { defineActor, Rejection, Indeterminate, type AskOutcome } from '@faultline/core';
import { Simulation } from '@faultline/runtime';

export const Echo = defineActor<{ text: string }>({
  kind: 'echo',
  setup(ctx) {
    return { receive: (msg) => ({ text: msg.text, from: ctx.self.node }) };
  },
});

const Account = defineActor<{ type: 'withdraw'; amount: number } | { type: 'boom' } | {type:'maybe'} | {type:'slow'}, { balance: number }>({
  kind: 'account',
  setup(ctx, props) {
    let balance = ctx.storage.get<number>('balance') ?? props.balance;
    return {
      receive(msg) {
        switch (msg.type) {
          case 'withdraw':
            if (msg.amount > balance) throw new Rejection('insufficient-funds', `only ${balance} left`);
            balance -= msg.amount;
            ctx.storage.set('balance', balance);
            return balance;
          case 'boom': throw new Error('bug');
          case 'maybe': return new Indeterminate('not sure');
          case 'slow': return new Promise((r) => ctx.setTimer(500, () => r('late')));
        }
      },
    };
  },
});

const sim = new Simulation({ seed: 42, nodes: 3 });
sim.events.on('node-event', (e) => console.log('event', JSON.stringify(e)));
const echo = await sim.spawn('n2', 'echo', Echo, undefined);
console.log(await sim.ask(echo, { text: 'hi' }, { timeoutMs: 100 }), sim.now());
const acct = await sim.spawn('n3', 'acct', Account, { balance: 100 });
console.log(await sim.ask(acct, { type: 'withdraw', amount: 30 }), sim.now());
console.log(await sim.ask(acct, { type: 'withdraw', amount: 300 }), sim.now());
console.log(await sim.ask(acct, { type: 'boom' }), sim.now());
console.log(await sim.ask(acct, { type: 'withdraw', amount: 1 }), sim.now());
await sim.sleep(20);
console.log(await sim.ask(acct, { type: 'withdraw', amount: 1 }), sim.now());
console.log(await sim.ask(acct, { type: 'maybe' }), sim.now());
console.log(await sim.ask(acct, { type: 'slow' }, {timeoutMs: 100}), sim.now());
await sim.crash('n3');
console.log(await sim.ask(acct, { type: 'withdraw', amount: 1 }, {timeoutMs: 100}), sim.now());
await sim.restart('n3');
console.log(await sim.ask(acct, { type: 'withdraw', amount: 1 }), sim.now());
console.log(await sim.snapshot('n3'));
