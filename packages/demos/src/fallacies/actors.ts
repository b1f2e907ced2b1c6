import { defineActor, type Address } from '@faultline/core';

/** A message of a stream: its number, when it was sent, and padding to give it a size. */
export interface Packet {
  readonly n: number;
  readonly sentAt: number;
  readonly pad?: string;
}

/** Counts what arrives and how long each took (the simulator's nodes share one clock). */
export const Counter = defineActor<Packet | 'report', void>({
  kind: 'demo.fallacies.counter',
  setup(ctx) {
    const delays: number[] = [];
    return {
      receive(message) {
        if (message === 'report') return { count: delays.length, delays };
        delays.push(ctx.now() - message.sentAt);
        return undefined;
      },
    };
  },
});

/** Report of a {@link Counter}. */
export interface CounterReport {
  readonly count: number;
  readonly delays: readonly number[];
}

/** Sends `count` packets of `bytes` padding to `to`, one every `everyMs`. */
export const Ticker = defineActor<{ readonly to: Address; readonly count: number; readonly everyMs: number; readonly bytes: number }, void>({
  kind: 'demo.fallacies.ticker',
  setup(ctx) {
    return {
      receive(task) {
        const pad = 'x'.repeat(task.bytes);
        for (let n = 0; n < task.count; n++) ctx.setTimer(n * task.everyMs, () => ctx.send(task.to, { n, sentAt: ctx.now(), pad } satisfies Packet));
        return undefined;
      },
    };
  },
});

/** Answers after `serviceMs` (a batching delay, a slow disk, a slow machine). */
export const Echo = defineActor<unknown, { readonly serviceMs: number }>({
  kind: 'demo.fallacies.echo',
  setup(ctx, props) {
    let handled = 0;
    return {
      receive(message) {
        if (message === 'handled') return handled;
        return new Promise((resolve) => ctx.setTimer(props.serviceMs, () => {
          handled++;
          resolve({ ok: true });
        }));
      },
    };
  },
});

/** Asks `targets` `count` times (all at once per round); waits for `need` answers per round; reports each round's time. */
export const Pinger = defineActor<{ readonly targets: readonly Address[]; readonly count: number; readonly need: number; readonly timeoutMs: number }, void>({
  kind: 'demo.fallacies.pinger',
  setup(ctx) {
    return {
      async receive(task) {
        const rounds: number[] = [];
        let unknown = 0;
        for (let i = 0; i < task.count; i++) {
          const started = ctx.now();
          await new Promise<void>((resolve) => {
            let answered = 0;
            let pending = task.targets.length;
            for (const t of task.targets) {
              void ctx.ask(t, { ping: i }, { timeoutMs: task.timeoutMs }).then((o) => {
                pending--;
                if (o.status === 'ok') answered++;
                else unknown++;
                if (answered === task.need || pending === 0) resolve();
              });
            }
          });
          rounds.push(ctx.now() - started);
        }
        return { rounds, unknown };
      },
    };
  },
});

/** Report of a {@link Pinger}. */
export interface PingReport {
  readonly rounds: readonly number[];
  readonly unknown: number;
}
