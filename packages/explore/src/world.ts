import { createRng, NodeHost, MemoryStorage, type ActorDefinition, type Address, type Envelope, type NodeId } from '@faultline/core';
import { cloneEncodable } from '@faultline/transport';
import { choiceKey, describeMessage, type Choice, type InFlight } from './choice.ts';
import type { ExploreSpec, WorldSetup } from './spec.ts';

/** How far a search lets the network go: drops and duplicates per path, messages in flight. */
export interface WorldBounds {
  /** Messages a path may drop (driver messages never are). Default 0. */
  readonly maxDrops?: number;
  /** Messages a path may deliver twice. Default 0. */
  readonly maxDuplicates?: number;
}

interface PendingTimer {
  readonly id: number;
  readonly node: NodeId;
  readonly deadline: number;
  readonly owner: string;
  readonly fn: () => void;
}

/** Sees every message a world sends, delivers or drops, with the number of the step it happened in (0: set-up). */
export interface WorldWatcher {
  message(event: 'send' | 'deliver' | 'drop', envelope: Envelope, step: number): void;
}

/** One step of a path, kept unformatted (most paths are never printed). */
type TraceStep = PendingTimer | { readonly kind: 'deliver' | 'drop' | 'duplicate'; readonly message: InFlight };

const DRIVER: Address = { node: 'driver' as NodeId, name: 'explore' as Address['name'] };

/**
 * One run of a spec under the searcher's control: the network is asynchronous (any message in
 * flight may be delivered next, or dropped or duplicated within the bounds) and each node's
 * earliest timer may fire. Time is one virtual clock that a firing timer moves to its deadline
 * (never back; a timer may fire late, as a slow node's do); messages take no time, so any delay is
 * some order of deliveries and timers. Actors run on the same
 * `NodeHost` as in the simulator and on workers, so the code searched is the code that ships.
 * A world cannot be copied (actors hold closures and promises): a search replays choices from
 * the start instead (stateless model checking, as CHESS and Coyote do).
 */
export class World<S> {
  readonly state: S;
  /** What happened, one entry per choice; formatted into lines only when `trace` is read. */
  private readonly steps: TraceStep[] = [];
  private readonly hosts = new Map<NodeId, NodeHost>();
  /** Virtual time: moves only when a timer fires, to that timer's deadline (never back). */
  private time = 0;
  private inFlight: InFlight[] = [];
  private timers: PendingTimer[] = [];
  private nextMessage = 1;
  private nextTimer = 1;
  private asyncPending = false;
  private drops = 0;
  private duplicates = 0;
  private readonly maxDrops: number;
  private readonly maxDuplicates: number;
  /** Node events the hosts reported (failures, dead letters): protocol bugs often show here first. */
  readonly events: string[] = [];

  private readonly spec: ExploreSpec<S>;
  /** Actors spawned by the set-up, as `name@node`, with their host (to read their `inspect()`). */
  private readonly actors: { readonly node: NodeId; readonly name: string }[] = [];
  private readonly watch: WorldWatcher | undefined;

  private constructor(spec: ExploreSpec<S>, bounds: WorldBounds, watch?: WorldWatcher) {
    this.spec = spec;
    this.watch = watch;
    this.maxDrops = bounds.maxDrops ?? 0;
    this.maxDuplicates = bounds.maxDuplicates ?? 0;
    const nodes = Array.from({ length: spec.nodes }, (_, i) => `n${i + 1}` as NodeId);
    const root = createRng(1);
    for (const node of nodes) {
      this.hosts.set(node, new NodeHost({
        node, clusterNodes: nodes, incarnation: 0, storage: new MemoryStorage(cloneEncodable), rng: root.derive(`node:${node}`),
        now: () => this.time,
        setTimer: (delayMs, fn, owner) => {
          const timer: PendingTimer = { id: this.nextTimer++, node, deadline: this.time + Math.max(0, delayMs), owner: owner ?? node, fn };
          this.timers.push(timer);
          return timer;
        },
        clearTimer: (timer) => { this.timers = this.timers.filter((t) => t !== timer); },
        transmit: (envelope) => this.transmit(envelope, false),
        emit: (event) => { this.events.push(`${node}: ${event.type}${'reason' in event ? ` (${String(event.reason)})` : ''}`); },
        log: () => undefined,
        asyncWorkPending: () => { this.asyncPending = true; },
        fatal: (error) => { this.events.push(`${node}: fatal ${String(error)}`); },
      }));
    }
    const setup: WorldSetup = {
      nodes,
      spawn: <M, P>(node: NodeId | string, name: string, definition: ActorDefinition<M, P>, props: P) => {
        const host = this.hosts.get(node as NodeId);
        if (!host) throw new Error(`explore spec ${spec.name}: no node ${node} (nodes are n1…n${spec.nodes})`);
        this.actors.push({ node: node as NodeId, name });
        return host.spawn(name, definition, props);
      },
      tell: (to, message) => this.transmit({ from: DRIVER, to, kind: 'tell', id: this.nextMessage, payload: message }, true),
    };
    this.state = spec.setup(setup);
  }

  /** A fresh world after `setup`, with its start-up work (timers set, promises run) done. */
  static async start<S>(spec: ExploreSpec<S>, bounds: WorldBounds, watch?: WorldWatcher): Promise<World<S>> {
    const world = new World(spec, bounds, watch);
    await world.drain(true);
    return world;
  }

  /** The path so far as readable lines: one per delivery, drop, duplicate or timer. */
  get trace(): string[] {
    return this.steps.map((step) => ('message' in step
      ? `${step.kind.padEnd(8)} ${describeMessage(step.message)}`
      : `timer    ${step.node} at ${+step.deadline.toFixed(3)}ms (${step.owner})`));
  }

  /** Everything that may happen next, in a fixed order: deliveries (then drops, duplicates), then timers. */
  enabled(): Choice[] {
    const out: Choice[] = [];
    for (const m of this.inFlight) out.push({ kind: 'deliver', message: m.id });
    if (this.drops < this.maxDrops) for (const m of this.inFlight) if (!m.reliable) out.push({ kind: 'drop', message: m.id });
    if (this.duplicates < this.maxDuplicates) for (const m of this.inFlight) if (!m.reliable) out.push({ kind: 'duplicate', message: m.id });
    const earliest = new Map<NodeId, PendingTimer>();
    for (const t of this.timers) {
      const e = earliest.get(t.node);
      if (!e || t.deadline < e.deadline || (t.deadline === e.deadline && t.id < e.id)) earliest.set(t.node, t);
    }
    for (const t of [...earliest.values()].sort((a, b) => a.id - b.id)) out.push({ kind: 'timer', timer: t.id });
    return out;
  }

  /** The node a choice runs on (PCT's "thread"): a message's receiver, a timer's node. */
  ownerOf(choice: Choice): string {
    if (choice.kind === 'timer') return this.timers.find((t) => t.id === choice.timer)?.node ?? '?';
    return this.inFlight.find((m) => m.id === choice.message)?.envelope.to.node ?? '?';
  }

  /** Messages in flight now. */
  get messagesInFlight(): number {
    return this.inFlight.length;
  }

  /** Makes one choice happen and runs every continuation it settles. Throws on a choice not enabled. */
  async apply(choice: Choice): Promise<void> {
    if (choice.kind === 'timer') {
      const t = this.timers.find((x) => x.id === choice.timer);
      if (!t) throw new Error(`choice ${choiceKey(choice)} is not enabled: no timer ${choice.timer} is pending`);
      this.timers = this.timers.filter((x) => x !== t);
      this.time = Math.max(this.time, t.deadline);
      this.steps.push(t);
      t.fn();
      this.asyncPending = true;
    } else {
      const m = this.inFlight.find((x) => x.id === choice.message);
      if (!m) throw new Error(`choice ${choiceKey(choice)} is not enabled: message ${choice.message} is not in flight`);
      if (choice.kind !== 'duplicate') this.inFlight = this.inFlight.filter((x) => x !== m);
      if (choice.kind === 'drop') this.drops++;
      if (choice.kind === 'duplicate') this.duplicates++;
      this.steps.push({ kind: choice.kind, message: m });
      this.watch?.message(choice.kind === 'drop' ? 'drop' : 'deliver', m.envelope, this.steps.length);
      if (choice.kind !== 'drop') {
        const host = this.hosts.get(m.envelope.to.node);
        if (host) host.deliver({ ...m.envelope, payload: cloneEncodable(m.envelope.payload) });
      }
    }
    await this.drain(false);
  }

  /**
   * A canonical description of this state for hashing: the spec's `observe`, the messages in
   * flight (as sent, without their numbers), the time, each node's timers (relative to now) and the
   * budgets left, as a 64-bit digest (two independent 32-bit hashes: for a million states the chance
   * that two different states share one is about 3 in 10^8). Undefined when the spec has no
   * `observe` (stateless search).
   */
  fingerprint(): string | undefined {
    if (!this.spec.observe) return undefined;
    const messages = this.inFlight.map((m) => `${m.reliable ? 'R' : ''}${m.envelope.from.node}/${m.envelope.from.name}>${m.envelope.to.node}/${m.envelope.to.name}:${m.envelope.kind}:${m.envelope.replyTo ?? ''}:${JSON.stringify(m.envelope.payload)}`).sort();
    const timers = this.timers.map((t) => `${t.node}:${t.owner}:${t.deadline - this.time}`).sort();
    return digest(JSON.stringify([this.spec.observe(this.state), this.time, messages, timers, this.drops, this.duplicates]));
  }

  private transmit(envelope: Envelope, reliable: boolean): void {
    // Replies to the driver's tells have nowhere to go; everything else is a message in flight.
    if (!this.hosts.has(envelope.to.node)) return;
    const sent = { ...envelope, payload: cloneEncodable(envelope.payload) };
    this.inFlight.push({ id: this.nextMessage++, envelope: sent, reliable });
    this.watch?.message('send', sent, this.steps.length);
  }

  /** Each spawned actor's `inspect()` view (those that define one), and the spec's `observe`, by `name@node`. */
  views(): { readonly actor: string; readonly state: unknown }[] {
    const out: { actor: string; state: unknown }[] = [];
    for (const a of this.actors) {
      const state = this.hosts.get(a.node)?.inspect(a.name);
      if (state !== undefined) out.push({ actor: `${a.name}@${a.node}`, state });
    }
    if (this.spec.observe) out.push({ actor: 'observe@explore', state: this.spec.observe(this.state) });
    return out;
  }

  private async drain(force: boolean): Promise<void> {
    while (force || this.asyncPending) {
      force = false;
      this.asyncPending = false;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

/** Two 32-bit hashes of a string (FNV-1a and a multiplicative one with another seed), as 16 hex digits. */
export function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
