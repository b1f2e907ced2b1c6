import type { ActorDefinition } from '../actor/define.ts';
import type { ActorContext, AskOptions } from '../actor/context.ts';
import type { Envelope } from '../envelope.ts';
import { ConfigError, FaultlineError } from '../errors.ts';
import { formatAddress, type Address, type ActorName } from '../ids.ts';
import { createLogger } from '../log.ts';
import type { AskOutcome } from '../outcome.ts';
import { requireNumber } from '../validate.ts';
import { ActorCell, type CellHost } from './actor-cell.ts';
import { makeActorContext } from './actor-context.ts';
import type { NodeEnvironment, RuntimeTimer } from './environment.ts';
import { errorText } from './events.ts';
import { PendingAsks } from './pending-asks.ts';
import { failureOfThrow, failureOfValue, outcomeOfAnswer, type Failure } from './answers.ts';
import { Supervisor } from './supervisor.ts';
import { envelopeProblem } from './inbound-check.ts';
import { DEFAULT_MAX_HELD, PauseGate } from './pause-gate.ts';
import { NodeClocks } from './node-clocks.ts';
import { MemoryStorage, type DurableStorage } from './storage.ts';

/** Default ask timeout when the caller gives none. */
export const DEFAULT_ASK_TIMEOUT_MS = 1000;

/** A point-in-time summary of a node, for controllers and tests. */
export interface NodeSnapshot {
  readonly node: string;
  readonly incarnation: number;
  readonly paused: boolean;
  readonly actors: readonly { name: string; kind: string; state: string }[];
  readonly pendingAsks: number;
  readonly deadLetters: number;
  readonly lateReplies: number;
  /** Arriving envelopes dropped as ill-formed (a bad kind, failure body, ask reference or stamp). */
  readonly invalidEnvelopes: number;
  /** Arriving envelopes refused because their HLC stamp was beyond `hlcMaxOffsetMs` ahead. */
  readonly refusedStamps: number;
  /** Deliveries a paused node holds now, and those it dropped because the hold was full. */
  readonly held: number;
  readonly heldDropped: number;
  /** Deliveries waiting in the runtime's inbound queue (workers: the mailbox), and those it dropped when full. */
  readonly queued: number;
  readonly queueDropped: number;
}

/**
 * Hosts the actors of one node, runtime-agnostic: routes envelopes to handlers, matches
 * replies to asks, runs timers and supervision. A runtime feeds it envelopes with `deliver`.
 */
export class NodeHost implements CellHost {
  readonly env: NodeEnvironment;
  /** This node's logical clocks; every envelope it sends carries their stamps. */
  readonly clocks: NodeClocks;
  /** This node's stable storage (the runtime's, or one that lasts this incarnation only). */
  readonly storage: DurableStorage;
  private readonly cells = new Map<string, ActorCell>();
  private readonly asks = new PendingAsks();
  private readonly supervisor: Supervisor;
  private nextId: number;
  private readonly gate: PauseGate;
  private deadLetters = 0;
  private readonly downPeers = new Set<string>();
  /** Handlers whose returned promise has not settled: a timer or delivery may be what they await. */
  private asyncHandlers = 0;
  private invalidEnvelopes = 0;
  private refusedStamps = 0;
  private closed = false;

  constructor(env: NodeEnvironment) {
    this.env = env;
    this.nextId = env.incarnation * 2 ** 32 + 1;
    const maxHeld = env.maxHeld ?? DEFAULT_MAX_HELD;
    this.gate = new PauseGate(maxHeld, (dropped) => {
      env.emit({ type: 'mailbox-overflow', node: env.node, queue: 'paused', capacity: maxHeld, dropped });
    });
    this.clocks = new NodeClocks(env.node, () => env.now(), env.stamping);
    this.storage = env.storage ?? new MemoryStorage();
    this.supervisor = new Supervisor({
      env,
      remove: (cell) => this.cells.delete(cell.address.name),
      setRuntimeTimer: (delayMs, fn) => this.setRuntimeTimer(delayMs, fn),
    });
  }

  /** Starts a top-level actor (or a child when `parent` is given) and returns its address. */
  spawn<M, P>(name: string, definition: ActorDefinition<M, P>, props: P, parent?: ActorCell): Address {
    if (typeof name !== 'string' || name.length === 0) throw new ConfigError('actor name', name, 'must be a non-empty string');
    if (this.cells.has(name)) throw new FaultlineError('duplicate-actor', `an actor named '${name}' already runs on node ${this.env.node}`);
    const addr: Address = { node: this.env.node, name: name as ActorName };
    const cell = new ActorCell(this, addr, definition as ActorDefinition<unknown, unknown>, props, parent);
    this.cells.set(name, cell);
    parent?.children.add(cell);
    try {
      cell.start();
    } catch (error) {
      this.supervisor.onFailure(cell, error);
    }
    return addr;
  }

  /** Stops an actor and its children; its timers die with it. */
  stop(target: Address): void {
    const cell = this.cells.get(target.name);
    if (cell) this.supervisor.stop(cell);
  }

  /** Sends a one-way message from `from` (an actor here, or a driver pseudo-address). */
  tell(from: Address, to: Address, message: unknown): void {
    this.env.transmit({ from, to, kind: 'tell', id: this.nextId++, payload: message, stamps: this.clocks.stampSend() });
  }

  /** Sends a request; settles as ok, failed (definite) or unknown (timeout). */
  ask<R>(from: Address, to: Address, message: unknown, options: AskOptions = {}): Promise<AskOutcome<R>> {
    const timeoutMs = requireNumber('ask timeoutMs', options.timeoutMs ?? DEFAULT_ASK_TIMEOUT_MS, 0);
    if (this.downPeers.has(to.node)) {
      return Promise.resolve({ status: 'failed', code: 'node-down', message: `node ${to.node} is down (reported by the cluster); the ask was not sent` });
    }
    const id = this.nextId++;
    // Encode first: an unencodable message throws here, at the sender, before anything is pending.
    this.env.transmit({ from, to, kind: 'ask', id, payload: message, stamps: this.clocks.stampSend() });
    return new Promise<AskOutcome<R>>((resolve) => {
      const timer = this.setRuntimeTimer(timeoutMs, () => {
        this.asks.settle(id, { status: 'unknown', reason: 'timeout', message: `no reply from ${formatAddress(to)} within ${timeoutMs} ms` });
        this.env.asyncWorkPending();
      }, formatAddress(from));
      this.asks.add(id, resolve as (o: AskOutcome<unknown>) => void, timer, to.node);
    });
  }

  /**
   * The named actor's own view of its state (`inspect()`), or undefined when it has none or is
   * not running; a throwing `inspect()` gives `{ inspectError }` (it must never fail the node).
   */
  inspect(name: string): unknown {
    try {
      return this.cells.get(name)?.inspect();
    } catch (error) {
      return { inspectError: errorText(error) };
    }
  }

  /** Hands an arriving envelope to its actor, or to the ask waiting for it. */
  deliver(envelope: Envelope): void {
    if (this.closed) return;
    // The trust boundary: nothing of an envelope is used before it is known to be well formed.
    const problem = envelopeProblem(envelope);
    if (problem !== undefined) {
      this.invalidEnvelopes++;
      this.env.emit({ type: 'malformed-frame', node: this.env.node, error: `invalid envelope: ${problem}`, bytes: 0 });
      return;
    }
    if (this.gate.isPaused) {
      if (!this.gate.pass(() => this.deliver(envelope), true)) this.env.droppedWhilePaused?.(envelope);
      return;
    }
    if (envelope.stamps && !this.observeStamps(envelope)) return;
    if (envelope.kind === 'reply' || envelope.kind === 'fail') return this.settleAsk(envelope);
    const cell = this.cells.get(envelope.to.name);
    if (!cell || cell.state !== 'running') {
      const reason = !cell ? 'unknown-actor' : 'actor-restarting';
      this.deadLetters++;
      this.env.emit({ type: 'dead-letter', to: envelope.to, from: envelope.from, reason });
      if (envelope.kind === 'ask') {
        this.replyWith(envelope, 'fail', { code: reason, message: `${formatAddress(envelope.to)}: ${reason === 'unknown-actor' ? 'no such actor' : 'actor is restarting'}`, definite: true });
      }
      return;
    }
    this.runHandler(cell, envelope);
  }

  /**
   * The runtime reports node `node` down (the driver's host hears it; protocol nodes must find out for
   * themselves): asks waiting on it end `unknown` (`node-crashed`) now, and new asks to it fail
   * (`node-down`, not sent) until `peerUp`.
   */
  peerDown(node: string): void {
    this.downPeers.add(node);
    const outcome = { status: 'unknown', reason: 'node-crashed', message: `node ${node} went down while the ask was pending` } as const;
    const timers = this.asks.settleTarget(node, outcome);
    for (const timer of timers) this.env.clearTimer(timer);
    if (timers.length > 0) this.env.asyncWorkPending();
  }

  /** The runtime reports node `node` up again. */
  peerUp(node: string): void {
    this.downPeers.delete(node);
  }

  /** Holds every delivery and timer until `resume` (a stopped process: its clock keeps running). */
  pause(): void {
    this.gate.pause();
  }

  /** Releases what was held, in arrival order. */
  resume(): void {
    this.gate.resume(() => !this.closed);
  }

  get isPaused(): boolean {
    return this.gate.isPaused;
  }

  /** Ends the node gracefully: outstanding asks end unknown, actors stop. */
  shutdown(): void {
    for (const timer of this.asks.settleAll({ status: 'unknown', reason: 'shutdown', message: `node ${this.env.node} shut down` })) {
      this.env.clearTimer(timer);
    }
    for (const cell of [...this.cells.values()]) if (!cell.parent) this.supervisor.stop(cell);
    this.closed = true;
  }

  snapshot(): NodeSnapshot {
    return {
      node: this.env.node,
      incarnation: this.env.incarnation,
      paused: this.gate.isPaused,
      actors: [...this.cells.values()].map((c) => ({ name: c.address.name, kind: c.definition.kind, state: c.state })),
      pendingAsks: this.asks.size,
      deadLetters: this.deadLetters,
      lateReplies: this.asks.lateReplies,
      invalidEnvelopes: this.invalidEnvelopes,
      refusedStamps: this.refusedStamps,
      held: this.gate.heldCount,
      heldDropped: this.gate.dropped,
      queued: this.env.backlog?.().queued ?? 0,
      queueDropped: this.env.backlog?.().dropped ?? 0,
    };
  }

  /** Looks up a hosted actor by name. */
  cell(name: string): ActorCell | undefined {
    return this.cells.get(name);
  }

  // ---- CellHost ----

  makeContext(cell: ActorCell): ActorContext {
    return makeActorContext(this, cell);
  }

  setRuntimeTimer(delayMs: number, fn: () => void, owner?: string): RuntimeTimer {
    return this.env.setTimer(delayMs, () => {
      if (this.closed) return;
      this.gate.pass(fn);
      // A timer may settle what a pending async handler awaits: its continuation belongs to this instant.
      if (this.asyncHandlers > 0) this.env.asyncWorkPending();
    }, owner);
  }

  clearRuntimeTimer(timer: RuntimeTimer): void {
    this.env.clearTimer(timer);
  }

  now(): number {
    return this.env.now();
  }

  /** Runs a callback on behalf of an actor; a throw goes to its supervisor. */
  guard(cell: ActorCell, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.supervisor.onFailure(cell, error);
    }
  }

  // ---- internals ----

  /** Merges the sender's clock stamps (checked by `envelopeProblem`); a message too far ahead in time is refused (dropped). */
  private observeStamps(envelope: Envelope): boolean {
    try {
      this.clocks.observeValid(envelope.stamps as NonNullable<Envelope['stamps']>);
      return true;
    } catch (error) {
      this.deadLetters++;
      this.refusedStamps++;
      this.env.emit({ type: 'dead-letter', to: envelope.to, from: envelope.from, reason: `clock stamps refused: ${errorText(error)}` });
      if (envelope.kind === 'ask') this.replyWith(envelope, 'fail', { code: 'clock-skew', message: errorText(error), definite: true });
      return false;
    }
  }

  private runHandler(cell: ActorCell, envelope: Envelope): void {
    const incoming = { from: envelope.from, isAsk: envelope.kind === 'ask', stamps: envelope.stamps };
    let result: unknown;
    try {
      result = cell.receive(envelope.payload, incoming);
    } catch (error) {
      return this.onHandlerError(cell, envelope, error);
    }
    if (isThenable(result)) {
      this.env.asyncWorkPending();
      this.asyncHandlers++;
      result.then(
        (value) => {
          this.asyncHandlers--;
          cell.tracker.onSuccess();
          if (incoming.isAsk) this.answer(envelope, value);
        },
        (error: unknown) => {
          this.asyncHandlers--;
          this.onHandlerError(cell, envelope, error);
        },
      );
      return;
    }
    if (this.asyncHandlers > 0) this.env.asyncWorkPending();
    cell.tracker.onSuccess();
    if (incoming.isAsk) this.answer(envelope, result);
  }

  private onHandlerError(cell: ActorCell, envelope: Envelope, error: unknown): void {
    const { failure, crashed } = failureOfThrow(error, cell.address);
    if (envelope.kind === 'ask') this.replyWith(envelope, 'fail', failure);
    if (crashed) this.supervisor.onFailure(cell, error);
  }

  private answer(ask: Envelope, value: unknown): void {
    const failure = failureOfValue(value);
    if (failure) this.replyWith(ask, 'fail', failure);
    else this.replyWith(ask, 'reply', value);
  }

  private replyWith(ask: Envelope, kind: 'reply' | 'fail', payload: unknown): void {
    if (this.closed) return;
    try {
      this.env.transmit({ from: ask.to, to: ask.from, kind, id: this.nextId++, replyTo: ask.id, payload, stamps: this.clocks.stampSend() });
    } catch (error) {
      // The reply itself cannot be encoded: tell the asker, rather than leave it waiting.
      const failure: Failure = { code: 'unencodable-reply', message: errorText(error), definite: false };
      this.env.transmit({ from: ask.to, to: ask.from, kind: 'fail', id: this.nextId++, replyTo: ask.id, payload: failure });
    }
  }

  private settleAsk(envelope: Envelope): void {
    if (envelope.replyTo === undefined) return;
    const done = this.asks.settle(envelope.replyTo, outcomeOfAnswer(envelope), envelope.from.node);
    if (done) {
      this.env.clearTimer(done.timer);
      this.env.asyncWorkPending();
    }
  }

  /** Used by contexts to build loggers that carry the node's clock. */
  loggerFor(source: string) {
    return createLogger(source, () => this.env.now(), (r) => this.env.log(r));
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
