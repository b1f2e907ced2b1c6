import { applyClockFault, PhysicalClock, type ClockFault, type Rng } from '@faultline/core';
import type { MaelstromNet } from '../net/maelstrom-net.ts';
import type { Scheduler, TimerHandle } from '../net/scheduler.ts';
import { errorBody, type MaelstromMessage, type MessageBody } from '../protocol/message.ts';
import type { HostedNode } from './hosted-node.ts';
import type { Handler, NodeApi, NodeProgram } from './node-api.ts';

/** Messages a paused node holds; beyond this the newest are dropped and counted. */
export const PAUSED_QUEUE_LIMIT = 10_000;

/**
 * The simulator adapter: a node program written against {@link NodeApi} running inside the
 * harness, on the run's scheduler, seeded randomness and a per-node physical clock. With the
 * virtual scheduler the whole run replays from its seed.
 */
export class InProcessNode implements HostedNode {
  running = false;
  private paused = false;
  private held: MaelstromMessage[] = [];
  /** Messages dropped because the paused queue was full. */
  overflow = 0;
  private incarnation = 0;
  private timers = new Set<TimerHandle>();
  private handlers: Record<string, Handler> = {};
  private api: NodeApi | undefined;
  private readonly clock = new PhysicalClock({ offsetMs: 0, driftPpm: 0 });

  readonly id: string;
  private readonly program: NodeProgram;
  private readonly scheduler: Scheduler;
  private readonly net: MaelstromNet;
  private readonly rng: Rng;
  private readonly onLog: (node: string, text: string) => void;

  constructor(id: string, program: NodeProgram, scheduler: Scheduler, net: MaelstromNet, rng: Rng, onLog: (node: string, text: string) => void) {
    this.id = id;
    this.program = program;
    this.scheduler = scheduler;
    this.net = net;
    this.rng = rng;
    this.onLog = onLog;
  }

  start(): void {
    this.incarnation++;
    this.running = true;
    this.paused = false;
    this.held = [];
    const { api, handlers } = this.boot(this.incarnation);
    this.api = api;
    this.handlers = handlers;
  }

  crash(): void {
    this.running = false;
    for (const t of this.timers) t.cancel();
    this.timers.clear();
    this.held = [];
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const held = this.held;
    this.held = [];
    for (const m of held) this.deliver(m);
  }

  async stop(): Promise<void> {
    this.crash();
  }

  /** Applies a clock fault to this node's clock (what `node.now()` returns). */
  clockFault(fault: ClockFault): void {
    applyClockFault(this.clock, fault, this.scheduler.now());
  }

  deliver(message: MaelstromMessage): void {
    if (!this.running) return;
    if (this.paused) {
      if (this.held.length >= PAUSED_QUEUE_LIMIT) this.overflow++;
      else this.held.push(message);
      return;
    }
    if (typeof message.body !== 'object' || message.body === null || typeof message.body.type !== 'string') return;
    this.dispatch(message);
  }

  private dispatch(message: MaelstromMessage): void {
    const api = this.api;
    if (!api) return;
    const body = message.body;
    if (body.in_reply_to !== undefined && this.pending.has(body.in_reply_to)) {
      const settle = this.pending.get(body.in_reply_to)!;
      this.pending.delete(body.in_reply_to);
      settle(message);
      return;
    }
    if (body.type === 'init') {
      this.ids = { id: String(body['node_id']), nodeIds: Array.isArray(body['node_ids']) ? body['node_ids'].map(String) : [] };
      api.reply(message, { type: 'init_ok' });
    }
    const handler = this.handlers[body.type];
    if (!handler) {
      if (body.type !== 'init' && body.msg_id !== undefined) api.reply(message, errorBody(body.msg_id, 10, `no handler for ${body.type}`));
      return;
    }
    const fail = (error: unknown) => {
      this.onLog(this.id, `handler for ${body.type} threw: ${String(error)}`);
      if (body.msg_id !== undefined) api.reply(message, errorBody(body.msg_id, 13, String(error)));
    };
    try {
      const result = handler(message);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  private ids = { id: '', nodeIds: [] as string[] };
  private nextMsgId = 0;
  private readonly pending = new Map<number, (m: MaelstromMessage) => void>();

  private boot(incarnation: number): { api: NodeApi; handlers: Record<string, Handler> } {
    const self = this;
    this.ids = { id: '', nodeIds: [] };
    this.pending.clear();
    const rng = this.rng.derive(`incarnation:${incarnation}`);
    const alive = () => self.running && self.incarnation === incarnation;
    const send = (dest: string, body: MessageBody) => {
      if (!alive()) return;
      self.net.send({ src: self.id, dest, body: structuredClone(body) });
    };
    const api: NodeApi = {
      get id() { return self.ids.id; },
      get nodeIds() { return self.ids.nodeIds; },
      send,
      reply: (request, body) => send(request.src, { ...body, in_reply_to: request.body.msg_id ?? 0 }),
      rpc: (dest, body, timeoutMs = 1000) => new Promise((resolve, reject) => {
        const msgId = ++self.nextMsgId;
        const timer = api.setTimer(timeoutMs, () => {
          self.pending.delete(msgId);
          reject(new Error(`rpc ${body.type} to ${dest} timed out`));
        });
        self.pending.set(msgId, (m) => { timer(); resolve(m); });
        send(dest, { ...body, msg_id: msgId });
      }),
      setTimer: (ms, run) => {
        const handle = self.scheduler.after(ms, () => {
          self.timers.delete(handle);
          if (!alive()) return;
          if (self.paused) { api.setTimer(1, run); return; }
          run();
        });
        self.timers.add(handle);
        return () => { handle.cancel(); self.timers.delete(handle); };
      },
      now: () => self.clock.read(self.scheduler.now()),
      random: () => rng.next(),
      log: (text) => self.onLog(self.id, text),
    };
    try {
      return { api, handlers: this.program(api) };
    } catch (error) {
      // One bad program never stops the run: the node answers nothing, and says why.
      this.onLog(this.id, `program setup threw: ${String(error)}; this node will not answer`);
      return { api, handlers: {} };
    }
  }
}
