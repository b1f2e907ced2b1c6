import { defineActor, type Address, type AskOutcome } from '@faultline/core';
import { backendDelay } from './backend-latency.ts';

/** Answers after a service time drawn from the back-end latency distribution. */
export const BackEnd = defineActor<{ readonly request: number }, void>({
  kind: 'demo.tail.backend',
  setup(ctx) {
    return {
      receive(message) {
        return new Promise((resolve) => ctx.setTimer(backendDelay(ctx.rng), () => resolve({ request: message.request })));
      },
    };
  },
});

/** One batch of fan-out requests for the front end to run. */
export interface FanoutBatch {
  readonly backends: readonly Address[];
  readonly fanout: number;
  readonly requests: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Send a second copy of a call to another replica when the first has not answered after this long. */
  readonly hedgeAfterMs?: number;
}

/** What a batch measured, on the front end's clock. */
export interface FanoutReport {
  /** Each request's latency: until the last of its N calls answered. */
  readonly requestMs: number[];
  /** Each single call's latency (the first answer, with hedging). */
  readonly callMs: number[];
  /** Asks sent, hedges included. */
  messages: number;
  hedges: number;
  failed: number;
}

/** Fans every request out to `fanout` back ends and waits for all of them, optionally hedging slow calls. */
export const FrontEnd = defineActor<FanoutBatch, void>({
  kind: 'demo.tail.frontend',
  setup(ctx) {
    let seq = 0;
    return {
      async receive(batch) {
        const report: FanoutReport = { requestMs: [], callMs: [], messages: 0, hedges: 0, failed: 0 };
        const call = (target: Address, spare: Address): Promise<void> => {
          const started = ctx.now();
          const request = seq++;
          return new Promise((resolve) => {
            let done = false;
            let hedge: ReturnType<typeof ctx.setTimer> | undefined;
            const finish = (outcome: AskOutcome) => {
              if (done) return;
              done = true;
              if (hedge !== undefined) ctx.cancelTimer(hedge);
              if (outcome.status !== 'ok') report.failed++;
              report.callMs.push(ctx.now() - started);
              resolve();
            };
            report.messages++;
            void ctx.ask(target, { request }).then(finish);
            if (batch.hedgeAfterMs !== undefined) {
              hedge = ctx.setTimer(batch.hedgeAfterMs, () => {
                report.hedges++;
                report.messages++;
                void ctx.ask(spare, { request }).then(finish);
              });
            }
          });
        };
        const one = async (r: number) => {
          const started = ctx.now();
          const calls: Promise<void>[] = [];
          for (let i = 0; i < batch.fanout; i++) {
            const at = (r + i) % batch.backends.length;
            const spare = (at + Math.floor(batch.backends.length / 2)) % batch.backends.length;
            calls.push(call(batch.backends[at] as Address, batch.backends[spare] as Address));
          }
          await Promise.all(calls);
          report.requestMs.push(ctx.now() - started);
        };
        let next = 0;
        const lane = async () => {
          while (next < batch.requests) await one(next++);
        };
        await Promise.all(Array.from({ length: batch.concurrency }, lane));
        return report;
      },
    };
  },
});
