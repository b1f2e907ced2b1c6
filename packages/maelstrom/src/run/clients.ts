import type { Endpoint, MaelstromNet } from '../net/maelstrom-net.ts';
import type { Scheduler } from '../net/scheduler.ts';
import { errorName, isDefiniteError, type Json, type MaelstromMessage, type MessageBody } from '../protocol/message.ts';
import type { OpRecord } from './history.ts';

/** What a workload asks a client to do: the request body, and the op name and value for the history. */
export interface OpRequest {
  readonly f: string;
  readonly value: Json;
  readonly body: MessageBody;
}

/** A client's connection: one id (c1…), bound to one node, at most one request outstanding. */
class Client implements Endpoint {
  busy = false;
  private msgId = 0;
  private waiting: { id: number; asked: Set<string>; settle: (m: MaelstromMessage | undefined) => void } | undefined;
  /** Replies refused because they came from a node this request never reached. */
  refused = 0;

  readonly id: string;
  readonly node: string;
  process: number;

  constructor(id: string, node: string, process: number) {
    this.id = id;
    this.node = node;
    this.process = process;
  }

  /**
   * Takes the reply to the request in flight. As Maelstrom's client.clj `recv!`, replies to other
   * msg ids are ignored; beyond it, a reply is refused unless it comes from a node the request
   * reached: the node asked, or one a node forwarded the request to in this client's name (a
   * proxy that keeps the client's `src`, whose target then answers the client directly).
   */
  deliver(message: MaelstromMessage): void {
    const w = this.waiting;
    if (!w || message.body.in_reply_to !== w.id) return;
    if (!w.asked.has(message.src)) {
      this.refused++;
      return;
    }
    this.waiting = undefined;
    w.settle(message);
  }

  sentInName(dest: string): void {
    this.waiting?.asked.add(dest);
  }

  request(net: MaelstromNet, scheduler: Scheduler, dest: string, body: MessageBody, timeoutMs: number): Promise<MaelstromMessage | undefined> {
    const id = ++this.msgId;
    return new Promise((resolve) => {
      const timer = scheduler.after(timeoutMs, () => {
        if (this.waiting?.id === id) this.waiting = undefined;
        resolve(undefined);
      });
      this.waiting = { id, asked: new Set(), settle: (m) => { timer.cancel(); resolve(m); } };
      net.send({ src: this.id, dest, body: { ...body, msg_id: id } });
    });
  }
}

/**
 * The workload's clients: `concurrency` client ids spread over the nodes, recording every
 * operation. A timeout or an indefinite error is `info`, and the client continues as a fresh
 * process (Jepsen's rule: one op at a time per process, an unknown outcome never ends).
 */
export class ClientPool {
  readonly ops: OpRecord[] = [];
  private readonly clients: Client[];
  /** Nodes being set up again after a restart (init, then the workload's set-up), each until ready. */
  private readonly settingUp = new Map<string, Promise<void>>();

  private readonly net: MaelstromNet;
  private readonly scheduler: Scheduler;
  private readonly timeoutMs: number;

  constructor(net: MaelstromNet, scheduler: Scheduler, nodeIds: readonly string[], concurrency: number, timeoutMs: number) {
    this.net = net;
    this.scheduler = scheduler;
    this.timeoutMs = timeoutMs;
    this.clients = Array.from({ length: concurrency }, (_, i) => new Client(`c${i + 1}`, nodeIds[i % nodeIds.length]!, i));
    for (const c of this.clients) net.register(c.id, c);
  }

  /** Replies refused over all clients because they came from a node the request never reached. */
  get refusedReplies(): number {
    return this.clients.reduce((sum, c) => sum + c.refused, 0);
  }

  /** Clients not waiting for a reply. */
  free(): readonly Client[] {
    return this.clients.filter((c) => !c.busy);
  }

  /**
   * Holds the workload's operations to `node` until `ready` settles: a restarted node gets init and
   * its set-up (broadcast: the topology) before any client request, as a fresh node does. A held
   * operation's invocation time is when the client issued it, and its timeout runs from then.
   */
  holdUntil(node: string, ready: Promise<void>): void {
    const settled = ready.then(() => undefined, () => undefined).finally(() => {
      if (this.settingUp.get(node) === settled) this.settingUp.delete(node);
    });
    this.settingUp.set(node, settled);
  }

  /** Ends holds on `node` (it crashed again before it was set up: its requests are lost anyway). */
  release(node: string): void {
    this.settingUp.delete(node);
  }

  private within(p: Promise<void>, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.scheduler.after(ms, resolve);
      void p.then(() => { timer.cancel(); resolve(); });
    });
  }

  /** Runs one operation on a client (to its own node unless `node` is given) and records it. */
  async invoke(client: Client, op: OpRequest, options: { node?: string; phase?: 'setup' | 'final'; complete?: (reply: MessageBody) => Json } = {}): Promise<OpRecord> {
    client.busy = true;
    const node = options.node ?? client.node;
    const record: OpRecord = {
      process: client.process, client: client.id, node, f: op.f, value: op.value,
      invokeTime: this.scheduler.now(), completeTime: undefined, type: undefined, result: null,
      ...(options.phase ? { phase: options.phase } : {}),
    };
    this.ops.push(record);
    const held = options.phase === undefined ? this.settingUp.get(node) : undefined;
    if (held) await this.within(held, this.timeoutMs);
    const left = this.timeoutMs - (this.scheduler.now() - record.invokeTime);
    const ready = !this.settingUp.has(node) || options.phase !== undefined;
    const reply = ready && left > 0 ? await client.request(this.net, this.scheduler, node, op.body, left) : undefined;
    record.completeTime = this.scheduler.now();
    if (reply === undefined) record.type = 'info';
    else if (reply.body.type === 'error') {
      const code = typeof reply.body['code'] === 'number' ? reply.body['code'] : -1;
      record.error = { code, name: errorName(code) };
      record.type = isDefiniteError(code) ? 'fail' : 'info';
    } else {
      record.type = 'ok';
      record.result = options.complete ? options.complete(reply.body) : null;
    }
    if (record.type === 'info') client.process += this.clients.length;
    client.busy = false;
    return record;
  }

  /** A client for a one-off request (final reads): the first free one, or a fresh one if all are busy. */
  anyClient(): Client {
    const c = this.free()[0];
    if (c) return c;
    const extra = new Client(`c${this.clients.length + 1}`, this.clients[0]!.node, this.clients.length);
    this.clients.push(extra);
    this.net.register(extra.id, extra);
    return extra;
  }
}

export type { Client };
