// example: explore-lost-update
import { address, defineActor, type NodeId } from '@faultline/core';
import { defineExplore, explore } from '@faultline/explore';

interface Box { value: number; writes: number }
const Counter = defineActor<{ type: 'get' } | { type: 'put'; value: number }, { box: Box }>({
  kind: 'docs.counter',
  setup(_ctx, { box }) {
    return { receive: (m) => { if (m.type === 'get') return box.value; box.value = m.value; box.writes++; return 'ok'; } };
  },
});
const Client = defineActor<{ type: 'go' }, undefined>({
  kind: 'docs.client',
  setup(ctx) {
    const server = address('n1' as NodeId, 'counter');
    return {
      receive: async () => {
        const got = await ctx.ask<number>(server, { type: 'get' }, { timeoutMs: 1000 });
        if (got.status === 'ok') await ctx.ask(server, { type: 'put', value: got.value + 1 }, { timeoutMs: 1000 });
        return undefined;
      },
    };
  },
});

export const lostUpdate = defineExplore({
  name: 'lost-update',
  nodes: 3,
  setup(world) {
    const box: Box = { value: 0, writes: 0 };
    world.spawn('n1', 'counter', Counter, { box });
    for (const n of ['n2', 'n3']) {
      world.spawn(n, 'client', Client, undefined);
      world.tell(address(n as NodeId, 'client'), { type: 'go' });
    }
    return box;
  },
  observe: (box) => box, // plain data: equal states are searched once
  invariants: [{ name: 'no lost update', check: (b) => (b.writes === 2 && b.value !== 2 ? `two writes left ${b.value}` : undefined) }],
  goals: [{ name: 'both writes done', reached: (b) => b.writes === 2 }],
});

export default async function main(): Promise<void> {
  const result = await explore(lostUpdate, { strategy: 'bfs' });
  if (result.violation?.choices.length !== 8) throw new Error('breadth-first search should find the 8-step lost update');
  console.log(result.violation.trace.join('\n'));
}
