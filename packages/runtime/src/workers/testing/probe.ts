/** An actor that reports what its context sees, for tests comparing the runtimes and checking clocks. */
import { defineActor } from '@faultline/core';

/**
 * `now`: the node's clock; `random`: a draw from the actor's seeded stream; `nodes`: the cluster's node list;
 * `stamps`: the clock stamps the question arrived with; `hlc`: the node's hybrid logical clock after receiving it.
 */
export type ProbeQuestion = 'now' | 'random' | 'nodes' | 'stamps' | 'hlc';

/** Answers a {@link ProbeQuestion} from its actor context. */
export const Probe = defineActor<ProbeQuestion, void>({
  kind: 'testing.probe',
  setup(ctx) {
    return {
      receive(question, incoming) {
        switch (question) {
          case 'now':
            return ctx.now();
          case 'random':
            return ctx.rng.int(2 ** 31);
          case 'nodes':
            return [...ctx.clusterNodes];
          case 'stamps':
            return incoming.stamps;
          case 'hlc':
            return ctx.clocks.hlc;
          default: {
            const never: never = question;
            throw new Error(`unknown probe question ${String(never)}`);
          }
        }
      },
    };
  },
});

/** The URL to put in `WorkerClusterConfig.modules`. */
export const PROBE_MODULE = import.meta.url;
