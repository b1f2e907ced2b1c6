// Typed addresses (issue 22, item 12): `spawn` returns `Address<M, R>`, so the compiler checks
// what is sent and infers what comes back. The `@ts-expect-error` lines are the test: `pnpm
// typecheck` fails if one of them compiles again (the directive is then unused).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { address, defineActor, type ActorContext, type Address, type AskOutcome, type MessageOf, type ReplyOf } from '@faultline/core';
import { Simulation, type Cluster } from '../src/index.ts';

type StoreMessage = { readonly type: 'read' } | { readonly type: 'write'; readonly value: number };

/** A number register: a read answers the value, a write answers the value written. */
const NumberStore = defineActor<StoreMessage, void, number>({
  kind: 'test.number-store',
  setup() {
    let value = 0;
    return {
      receive(message) {
        if (message.type === 'write') value = message.value;
        return value;
      },
    };
  },
});

/** Types inferred from the handler: no type arguments given. */
const Pong = defineActor({
  kind: 'test.pong',
  setup: () => ({ receive: (message: { readonly ping: number }) => `pong ${message.ping}` }),
});

describe('an address typed by its actor', () => {
  it('carries the message and reply types from spawn, and asks infer the reply', async () => {
    const sim = new Simulation({ seed: 1, nodes: 1 });
    const store = await sim.spawn('n1', 'store', NumberStore, undefined);
    expectTypeOf(store).toEqualTypeOf<Address<StoreMessage, number>>();
    expectTypeOf<MessageOf<typeof store>>().toEqualTypeOf<StoreMessage>();
    expectTypeOf<ReplyOf<typeof store>>().toEqualTypeOf<number>();

    const written = await sim.ask(store, { type: 'write', value: 4 });
    expectTypeOf(written).toEqualTypeOf<AskOutcome<number>>();
    expect(written).toEqual({ status: 'ok', value: 4 });

    const pong = await sim.spawn('n1', 'pong', Pong, undefined);
    expectTypeOf(pong).toEqualTypeOf<Address<{ readonly ping: number }, string>>();
    expect(await sim.ask(pong, { ping: 2 })).toEqual({ status: 'ok', value: 'pong 2' });

    // A phantom: the address on the wire and in JSON is still `{ node, name }`.
    expect(JSON.stringify(store)).toBe('{"node":"n1","name":"store"}');
    expect(store).toEqual(address('n1', 'store'));
    await sim.shutdown();
  });

  it('refuses, at compile time, a message the actor does not accept and a reply type it does not give', () => {
    // Never called: these lines are checked by the compiler only.
    const misuse = (sim: Simulation, cluster: Cluster, ctx: ActorContext, store: Address<StoreMessage, number>) => {
      // @ts-expect-error 'bogus' is not a StoreMessage (it used to compile and be answered as a read)
      void sim.ask(store, { type: 'bogus' });
      // @ts-expect-error a write needs its value
      void cluster.ask(store, { type: 'write' });
      // @ts-expect-error the store replies numbers, not strings
      void sim.ask<string>(store, { type: 'read' });
      // @ts-expect-error tell checks the message too
      sim.tell(store, { type: 'bogus' });
      // @ts-expect-error and so do an actor's own ask and send
      void ctx.ask(store, { type: 'bogus' });
      // @ts-expect-error
      ctx.send(store, 'read');
      // @ts-expect-error addresses of unrelated message types do not mix
      const other: Address<{ readonly ping: number }, number> = store;
      // @ts-expect-error nor of unrelated reply types
      const texts: Address<StoreMessage, string> = store;
      return [other, texts];
    };
    expect(typeof misuse).toBe('function');
  });

  it('keeps untyped code compiling: an untyped address takes any message, and ask<R> names the reply', () => {
    const untyped = (sim: Simulation, store: Address<StoreMessage, number>) => {
      const plain = address('n1', 'store');
      expectTypeOf(sim.ask<string>(plain, { anything: true })).toEqualTypeOf<Promise<AskOutcome<string>>>();
      expectTypeOf(sim.ask(plain, 'hello')).toEqualTypeOf<Promise<AskOutcome<unknown>>>();
      // A typed address goes where an untyped one is taken (lists of peers, props), and back.
      const peers: Address[] = [store, plain];
      const again: Address<StoreMessage, number> = plain;
      return [peers, again];
    };
    expect(typeof untyped).toBe('function');
  });

  it('types an actor spawned by an actor', () => {
    const child = (ctx: ActorContext) => {
      const store = ctx.spawn('store', NumberStore, undefined);
      expectTypeOf(store).toEqualTypeOf<Address<StoreMessage, number>>();
      expectTypeOf(ctx.ask(store, { type: 'read' })).toEqualTypeOf<Promise<AskOutcome<number>>>();
    };
    expect(typeof child).toBe('function');
  });
});
