import type { Endpoint, MaelstromNet } from '../net/maelstrom-net.ts';
import type { Scheduler } from '../net/scheduler.ts';
import type { MaelstromMessage, MessageBody } from '../protocol/message.ts';

/** The harness's own client (`c0`): sends `init` to nodes, with any number of requests in flight. */
export class AdminClient implements Endpoint {
  static readonly ID = 'c0';
  private msgId = 0;
  private readonly waiting = new Map<number, (m: MaelstromMessage | undefined) => void>();

  private readonly net: MaelstromNet;
  private readonly scheduler: Scheduler;

  constructor(net: MaelstromNet, scheduler: Scheduler) {
    this.net = net;
    this.scheduler = scheduler;
    net.register(AdminClient.ID, this);
  }

  deliver(message: MaelstromMessage): void {
    const id = message.body.in_reply_to;
    if (id === undefined) return;
    const settle = this.waiting.get(id);
    this.waiting.delete(id);
    settle?.(message);
  }

  /** Sends and resolves with the reply, or undefined after `timeoutMs`. */
  request(dest: string, body: MessageBody, timeoutMs: number): Promise<MaelstromMessage | undefined> {
    const id = ++this.msgId;
    return new Promise((resolve) => {
      const timer = this.scheduler.after(timeoutMs, () => {
        this.waiting.delete(id);
        resolve(undefined);
      });
      this.waiting.set(id, (m) => { timer.cancel(); resolve(m); });
      this.net.send({ src: AdminClient.ID, dest, body: { ...body, msg_id: id } });
    });
  }

  /** Sends `init` to a node. */
  init(node: string, nodeIds: readonly string[], timeoutMs: number): Promise<MaelstromMessage | undefined> {
    return this.request(node, { type: 'init', node_id: node, node_ids: [...nodeIds] }, timeoutMs);
  }
}
