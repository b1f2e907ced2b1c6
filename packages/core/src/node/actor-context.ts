import type { ActorContext } from '../actor/context.ts';
import { formatAddress } from '../ids.ts';
import type { ActorCell } from './actor-cell.ts';
import type { NodeHost } from './node-host.ts';
import { scopedStorage } from './storage.ts';
import { requireNumber } from '../validate.ts';
import { buggifyFires } from '../actor/buggify.ts';

/** Builds the context handed to one actor incarnation: every effect goes through its host. */
export function makeActorContext(host: NodeHost, cell: ActorCell): ActorContext {
  const rng = host.env.rng.derive(`${cell.address.name}#${cell.generation}`);
  return {
    self: cell.address,
    clusterNodes: host.env.clusterNodes,
    send: (to, message) => host.tell(cell.address, to, message),
    ask: (to, message, options) => host.ask(cell.address, to, message, options),
    now: () => host.now(),
    clocks: host.clocks,
    // As ask and sleep: a NaN or negative delay is a ConfigError, never a timer that fires at once.
    setTimer: (delayMs, fn) => cell.addTimer(requireNumber('setTimer(delayMs)', delayMs, 0), () => host.guard(cell, fn)),
    cancelTimer: (id) => cell.cancelTimer(id),
    sleep: (ms) => {
      requireNumber('sleep(ms)', ms, 0);
      return new Promise<void>((resolve) =>
        cell.addTimer(ms, () => {
          host.env.asyncWorkPending(); // the continuation runs at this instant, before the next event
          resolve();
        }));
    },
    random: () => rng.next(),
    rng,
    buggify: (label) => buggifyFires(label, cell.address),
    storage: scopedStorage(host.storage, `${cell.address.name}/`),
    log: host.loggerFor(formatAddress(cell.address)),
    spawn: (name, definition, props) => host.spawn(name, definition, props, cell),
    stop: (target) => host.stop(target ?? cell.address),
  };
}
