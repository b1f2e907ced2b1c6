/**
 * Actors that kill their own node's thread, for tests of how the worker runtime reports node death.
 * They step outside the actor context on purpose (setImmediate, process.exit): protocol code must not.
 */
import { defineActor } from '@faultline/core';

/** What to do to the node: throw outside any handler (an uncaught error) or exit the thread. */
export type DoomMessage = { readonly throwUncaught: string } | { readonly exit: number };

/** Kills its node on request, the way a bug in a real process would. */
export const Doomed = defineActor<DoomMessage, void>({
  kind: 'testing.doomed',
  setup() {
    return {
      receive(message) {
        if ('throwUncaught' in message) {
          setImmediate(() => {
            throw new Error(message.throwUncaught);
          });
        } else {
          process.exit(message.exit);
        }
        return 'doomed';
      },
    };
  },
});

/** Escalates its first failure: the node's supervisor gives up and the node goes down as fatal. */
export const Escalating = defineActor<string, void>({
  kind: 'testing.escalating',
  supervision: { onFailure: 'escalate' },
  setup() {
    return {
      receive(message) {
        if (message === 'boom') throw new Error('escalated on purpose');
        return message;
      },
    };
  },
});

/** The URL to put in `WorkerClusterConfig.modules` to make these actors spawnable. */
export const NODE_KILLERS_MODULE = import.meta.url;
