import {
  address, createLogger, createRng, FaultlineError, isRejection, MemoryStorage, NodeClocks,
  type ActorContext, type ActorDefinition, type AskOutcome, type NodeId, type TimerId,
} from '@faultline/core';
import { isDefiniteError, type MaelstromMessage, type MessageBody } from '../protocol/message.ts';
import type { Handler, NodeApi, NodeProgram } from './node-api.ts';

/** The actor name every Maelstrom id answers to: address(`n1`, 'maelstrom'), address(`lin-kv`, 'maelstrom'). */
export const MAELSTROM_ACTOR = 'maelstrom';

/**
 * Adapts a faultline actor written to the Maelstrom protocol into a node program, so it takes the
 * Maelstrom workloads in the simulator. The actor receives each message's `body` (with
 * `incoming.from` = address(src, 'maelstrom')); a returned body with a `type` is sent as the reply
 * to a request; `ctx.send(address(dest, 'maelstrom'), body)` sends; `ctx.ask` to a node or service
 * resolves `ok` with the reply body, `failed` for a definite Maelstrom error, `unknown` on timeout
 * or an indefinite error. `ctx.storage` survives kill/restart of the node (one `MemoryStorage` per
 * node for the program's lifetime: call this once per run). Logical clocks tick locally but
 * Maelstrom messages carry no stamps; `spawn` and `stop` are not available.
 */
export function actorProgram<P>(definition: ActorDefinition<MessageBody, P>, props: P): NodeProgram {
  const storages = new Map<string, MemoryStorage>();
  return (node: NodeApi): Record<string, Handler> => {
    let behavior: ReturnType<typeof definition.setup> | undefined;
    const build = () => {
      const storage = storages.get(node.id) ?? new MemoryStorage();
      storages.set(node.id, storage);
      behavior = definition.setup(actorContext(node, storage), props);
      return behavior;
    };
    const handle: Handler = async (msg: MaelstromMessage) => {
      const b = behavior ?? build();
      const isAsk = msg.body.msg_id !== undefined;
      let result: unknown;
      try {
        result = await b.receive(msg.body, { from: address(msg.src, MAELSTROM_ACTOR), isAsk });
      } catch (error) {
        if (!isRejection(error)) throw error;
        result = error;
      }
      if (!isAsk || msg.body.type === 'init') return;
      if (isRejection(result)) node.reply(msg, { type: 'error', code: 14, text: `${result.code}: ${result.message}` });
      else if (typeof result === 'object' && result !== null && typeof (result as MessageBody).type === 'string') node.reply(msg, result as MessageBody);
    };
    // Every message type goes to the actor's one `receive`.
    return new Proxy({} as Record<string, Handler>, { get: (_t, key) => (typeof key === 'string' ? handle : undefined) });
  };
}

function actorContext(node: NodeApi, storage: MemoryStorage): ActorContext {
  const timers = new Map<number, () => void>();
  let timerSeq = 0;
  const rng = createRng(Math.floor(node.random() * 0xffffffff));
  const unsupported = (what: string) => new FaultlineError('unsupported', `${what} is not available to a Maelstrom node actor`);
  return {
    self: address(node.id, MAELSTROM_ACTOR),
    clusterNodes: node.nodeIds as readonly NodeId[],
    send: (to, message) => node.send(to.node, message as MessageBody),
    ask: async <R>(to: { node: string }, message: unknown, options?: { timeoutMs?: number }): Promise<AskOutcome<R>> => {
      try {
        const reply = await node.rpc(to.node, message as MessageBody, options?.timeoutMs ?? 1000);
        const body = reply.body;
        if (body.type !== 'error') return { status: 'ok', value: body as R };
        const code = typeof body['code'] === 'number' ? body['code'] : -1;
        const text = String(body['text'] ?? `error ${code}`);
        return isDefiniteError(code) ? { status: 'failed', code: String(code), message: text } : { status: 'unknown', reason: 'indeterminate', message: text };
      } catch (error) {
        return { status: 'unknown', reason: 'timeout', message: (error as Error).message };
      }
    },
    now: () => node.now(),
    clocks: new NodeClocks(node.id, () => node.now()),
    setTimer: (delayMs, fn) => {
      const id = ++timerSeq;
      timers.set(id, node.setTimer(delayMs, () => { timers.delete(id); fn(); }));
      return id as TimerId;
    },
    cancelTimer: (id) => {
      timers.get(id)?.();
      timers.delete(id);
    },
    // The node's timers stop when it is killed, so a sleep of a killed incarnation never resolves.
    sleep: (ms) => new Promise<void>((resolve) => { node.setTimer(ms, resolve); }),
    random: () => rng.next(),
    buggify: () => false, // buggify is for `faultline test` runs; a Maelstrom run never takes the rare paths
    rng,
    storage,
    log: createLogger(`${node.id}/${MAELSTROM_ACTOR}`, () => node.now(), (r) => node.log(`${r.level} ${r.message}`)),
    spawn: () => { throw unsupported('spawn'); },
    stop: () => { throw unsupported('stop'); },
  };
}
