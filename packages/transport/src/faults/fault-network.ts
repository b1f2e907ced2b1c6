import { EventEmitter } from 'eventemitter3';
import { ConfigError, validateDistribution, type Distribution, type NodeId, type Rng } from '@faultline/core';
import type { LinkLayer, Packet, RouteDecision } from './link-layer.ts';
import { linkKey, NodeSet, type DirectedLink } from './nodes.ts';
import { NetworkState } from './network-state.ts';
import type { LinkRule, LinkRuleSpec } from './rule.ts';
import type { NetworkSnapshot, NetworkUpdate, RulePosition } from './update.ts';
import { Router } from './router.ts';
import { linksBetween, oneWayLinks, partitionLinks, type NodeGroup } from './partition-links.ts';
import { NetworkCounters, type CountersSnapshot } from '../observe/counters.ts';
import type { NetworkEvents } from '../observe/network-events.ts';

/** Settings of a fault network, as data (ship them to workers to build identical mirrors). */
export interface FaultNetworkOptions {
  /** The cluster's nodes: a count (n1…nN) or names. Rules naming other nodes are rejected. */
  readonly nodes: number | readonly string[];
  /** Latency of every delivered frame before rules add to it. Default uniform 0.5–1.5 ms (see `networkPresets.lan`). */
  readonly baseLatency?: Distribution;
  /**
   * Keep each directed link first-in-first-out, as TCP does: a frame never arrives before one sent
   * earlier on the same link. Only reorder and duplicate verdicts break it. Default true.
   */
  readonly fifo?: boolean;
}

/** Returned by `install`: the installed rule and how to take it out again. */
export interface RuleHandle {
  readonly id: string;
  readonly rule: LinkRule;
  /** Removes the rule; true if it was still installed. */
  remove(): boolean;
}

/**
 * A seeded network model: base latency plus an ordered list of link rules and a set of blocked
 * links (partitions). For each frame, a blocked link drops it; otherwise the first rule whose
 * verdict is not `pass` decides. Every change goes through `apply(update)`.
 */
export class FaultNetwork implements LinkLayer {
  readonly options: FaultNetworkOptions;
  readonly nodes: NodeSet;
  readonly events = new EventEmitter<NetworkEvents>();
  readonly counters = new NetworkCounters();
  private readonly state: NetworkState;
  private readonly router: Router;
  private ruleSeq = 0;

  /** `rng` may be given later through `attach` (what a simulation's `network` factory does). */
  constructor(options: FaultNetworkOptions, rng?: Rng) {
    if (typeof options !== 'object' || options === null) throw new ConfigError('options', options, 'must be { nodes, baseLatency?, fifo? }');
    this.nodes = new NodeSet(options.nodes);
    const base = options.baseLatency ?? { kind: 'uniform', minMs: 0.5, maxMs: 1.5 };
    if (typeof base !== 'object' || base === null) throw new ConfigError('baseLatency', base, 'must be a distribution object');
    const baseLatency = validateDistribution(base, 'baseLatency');
    if (options.fifo !== undefined && typeof options.fifo !== 'boolean') throw new ConfigError('fifo', options.fifo, 'must be true or false');
    this.options = options;
    this.state = new NetworkState(this.nodes);
    this.router = new Router(this.state, this.counters, baseLatency, options.fifo ?? true);
    if (rng) this.router.attach(rng);
  }

  /** Binds the network's random stream and resets per-link state; pass as `network: net.attach`. */
  readonly attach = (rng: Rng): FaultNetwork => {
    this.router.attach(rng);
    return this;
  };

  // ---- rules ----

  /** Installs a rule (at the back of the list unless `position: 'first'`); errors name the bad field. */
  install(spec: LinkRuleSpec, options: { readonly position?: RulePosition } = {}): RuleHandle {
    if (typeof spec !== 'object' || spec === null) throw new ConfigError('rule', spec, 'must be { target, fault, label? }');
    let id = `r${++this.ruleSeq}`;
    while (this.state.has(id)) id = `r${++this.ruleSeq}`;
    const rule: LinkRule = spec.label === undefined
      ? { id, target: spec.target, fault: spec.fault }
      : { id, target: spec.target, fault: spec.fault, label: spec.label };
    this.apply({ kind: 'add-rule', rule, position: options.position ?? 'last' });
    return { id, rule, remove: () => this.removeRule(id) };
  }

  /** Removes a rule by id; true if it was installed. */
  removeRule(id: string): boolean {
    const present = this.state.has(id);
    if (present) this.apply({ kind: 'remove-rule', id });
    return present;
  }

  /** The installed rules, in checking order. */
  get rules(): readonly LinkRule[] {
    return this.state.rules.map((r) => r.rule);
  }

  // ---- partitions ----

  /** Cuts every link between `a` and `b` in both directions; `b` defaults to the rest of the cluster. */
  partition(a: NodeGroup, b?: NodeGroup): void {
    this.block(partitionLinks(a, b, this.nodes));
  }

  /** Cuts `from → to` only: `to` still reaches `from`. */
  partitionOneWay(from: NodeGroup, to: NodeGroup): void {
    this.block(oneWayLinks(from, to, this.nodes));
  }

  /** Cuts a node off from every other cluster node (not from the driver). */
  isolate(node: string): void {
    this.partition(node);
  }

  /** Blocks these directed links. */
  block(links: readonly DirectedLink[]): void {
    this.apply({ kind: 'block', links });
  }

  /** Restores both directions of the link between `a` and `b`. */
  heal(a: string, b: string): void {
    this.apply({ kind: 'unblock', links: linksBetween([this.nodes.node('heal.a', a)], [this.nodes.node('heal.b', b)]) });
  }

  /** Restores every blocked link (rules stay). */
  healAll(): void {
    this.apply({ kind: 'unblock-all' });
  }

  /**
   * When (absolute virtual ms) the last frame sent so far on an ordered link is due: a delay that
   * ended still holds the frames queued behind its slowest frame until then. See Router.arrivalHorizonMs.
   */
  arrivalHorizonMs(): number {
    return this.router.arrivalHorizonMs();
  }

  /** Whether `from → to` is blocked by a partition. */
  isBlocked(from: string, to: string): boolean {
    return this.state.blocked.has(linkKey(from, to));
  }

  // ---- state as data ----

  /** Applies one update (validated first, all-or-nothing) and announces it on the `update` event. */
  apply(update: NetworkUpdate): void {
    const change = this.state.apply(update);
    for (const rule of change.removed) {
      this.router.forgetRule(rule.id);
      this.events.emit('rule-removed', { rule });
    }
    for (const rule of change.added) this.events.emit('rule-added', { rule, index: this.rules.indexOf(rule) });
    if (change.blocked.length > 0 || change.unblocked.length > 0) {
      this.events.emit('partition-changed', { blocked: this.snapshot().blocked, added: change.blocked, removed: change.unblocked });
    }
    if (change.unblocked.length > 0) this.events.emit('healed', { links: change.unblocked, all: this.state.blocked.size === 0 });
    this.events.emit('update', { update, version: this.state.version });
  }

  /** The current rules and blocked links, as data; `apply({kind: 'replace', ...})` restores them. */
  snapshot(): NetworkSnapshot {
    return this.state.snapshot();
  }

  // ---- the link layer ----

  /** Decides one frame's fate: blocked link, else the first non-pass rule, else base latency. */
  passThrough(): boolean {
    return this.router.passThrough;
  }

  countPassed(from: NodeId, to: NodeId, frames: number): void {
    this.router.countPassed(from, to, frames);
  }

  countRejected(from: string, to: NodeId, reason: string): void {
    this.counters.reject(this.counters.link(from, to), reason);
  }

  route(packet: Packet, nowMs: number): RouteDecision {
    return this.router.route(packet, nowMs);
  }

  routeOnce(packet: Packet, nowMs: number): number {
    return this.router.routeOnce(packet, nowMs);
  }

  counterSnapshot(): CountersSnapshot {
    return this.counters.snapshot();
  }
}

/**
 * The `(rng) => LinkLayer` factory shape both runtimes take: `network: faultNetwork({ nodes: 5 })`
 * in a simulation, or `{ module: FAULT_NETWORK_MODULE, export: 'faultNetwork', options }` for workers.
 * Use `new FaultNetwork(...)` with `net.attach` instead when you need a handle on the network.
 */
export function faultNetwork(options: FaultNetworkOptions): (rng: Rng) => FaultNetwork {
  new NodeSet(options.nodes); // fail at configuration, not at the first frame
  return (rng) => new FaultNetwork(options, rng);
}

/** File URL of this module, for a worker cluster's `network.module`. */
export const FAULT_NETWORK_MODULE: string = new URL(import.meta.url).href;

/**
 * Forwards every change of `controller`, in order, to `send` (e.g. a worker cluster's
 * `configureNetwork`), so the runtime's mirrors follow it. Returns a function that stops forwarding.
 */
export function forwardUpdates(
  controller: FaultNetwork,
  send: (update: NetworkUpdate) => unknown,
  onError: (error: unknown, update: NetworkUpdate) => void = (error) => console.error('faultline: a network update did not reach the runtime:', error),
): () => void {
  const listener = ({ update }: { readonly update: NetworkUpdate }) => {
    Promise.resolve()
      .then(() => send(update))
      .catch((error: unknown) => onError(error, update));
  };
  controller.events.on('update', listener);
  return () => {
    controller.events.off('update', listener);
  };
}
