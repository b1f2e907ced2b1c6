import { defineActor, type Address, type AskOutcome } from '@faultline/core';

/** Answers every ask with the message it got, tagged with the node that answered. */
export const EchoServer = defineActor<{ text: string }, void>({
  kind: 'demo.echo-server',
  setup(ctx) {
    return {
      receive(message) {
        return { text: message.text, answeredBy: ctx.self.node };
      },
    };
  },
});

/** One completed echo, as the caller saw it on its own clock. */
export interface EchoRecord {
  readonly from: string;
  readonly to: string;
  readonly text: string;
  readonly sentAt: number;
  readonly tookMs: number;
  readonly status: AskOutcome['status'];
}

/** Asks random echo servers `count` times, one after another, and reports what happened. */
export const EchoCaller = defineActor<{ servers: Address[]; count: number; timeoutMs: number }, void>({
  kind: 'demo.echo-caller',
  setup(ctx) {
    return {
      async receive(task) {
        const records: EchoRecord[] = [];
        for (let i = 1; i <= task.count; i++) {
          const to = ctx.rng.pick(task.servers);
          const text = `hello #${i} from ${ctx.self.node}`;
          const sentAt = ctx.now();
          const outcome = await ctx.ask(to, { text }, { timeoutMs: task.timeoutMs });
          records.push({ from: ctx.self.node, to: to.node, text, sentAt, tookMs: ctx.now() - sentAt, status: outcome.status });
        }
        return records;
      },
    };
  },
});
