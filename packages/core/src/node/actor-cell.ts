import type { ActorBehavior, ActorDefinition, Incoming } from '../actor/define.ts';
import type { ActorContext, TimerId } from '../actor/context.ts';
import { RestartTracker, supervisionPolicy } from '../actor/supervision.ts';
import { formatAddress, type Address } from '../ids.ts';
import type { RuntimeTimer } from './environment.ts';

/** The lifecycle state of one hosted actor. */
export type CellState = 'running' | 'backing-off' | 'stopped';

/** What a cell needs from its host. */
export interface CellHost {
  makeContext(cell: ActorCell): ActorContext;
  setRuntimeTimer(delayMs: number, fn: () => void, owner?: string): RuntimeTimer;
  clearRuntimeTimer(timer: RuntimeTimer): void;
  now(): number;
}

/** One hosted actor: its behavior instance, timers, children and failure history. */
export class ActorCell {
  readonly address: Address;
  readonly definition: ActorDefinition<unknown, unknown>;
  readonly props: unknown;
  readonly parent: ActorCell | undefined;
  readonly children = new Set<ActorCell>();
  readonly tracker: RestartTracker;
  state: CellState = 'running';
  /** Bumped at every (re)start; names the actor's random stream. */
  generation = 0;
  private behavior: ActorBehavior<unknown> | undefined;
  private readonly timers = new Map<number, RuntimeTimer>();
  private nextTimer = 1;
  private readonly host: CellHost;
  /** `name@node`, formatted once: it names the owner of every timer this actor sets. */
  private readonly label: string;

  constructor(host: CellHost, address: Address, definition: ActorDefinition<unknown, unknown>, props: unknown, parent?: ActorCell) {
    this.host = host;
    this.address = address;
    this.label = formatAddress(address);
    this.definition = definition;
    this.props = props;
    this.parent = parent;
    this.tracker = new RestartTracker(supervisionPolicy(definition.supervision));
  }

  /** Builds a fresh behavior instance (setup may throw: the caller treats that as a failure). */
  start(): void {
    this.state = 'running';
    this.behavior = this.definition.setup(this.host.makeContext(this), this.props);
  }

  /** Runs the handler; throws what the handler throws. */
  receive(message: unknown, incoming: Incoming): unknown {
    if (!this.behavior) throw new Error(`actor ${this.address.name} has no behavior`);
    return this.behavior.receive(message, incoming);
  }

  /** The behaviour's `inspect()` view, or undefined when it has none (or is not running). */
  inspect(): unknown {
    return this.state === 'running' ? this.behavior?.inspect?.() : undefined;
  }

  /** Schedules a timer owned by this actor; it dies with this incarnation. */
  addTimer(delayMs: number, fn: () => void): TimerId {
    const id = this.nextTimer++;
    const generation = this.generation;
    const timer = this.host.setRuntimeTimer(delayMs, () => {
      this.timers.delete(id);
      if (this.state === 'running' && this.generation === generation) fn();
    }, this.label);
    this.timers.set(id, timer);
    return id as TimerId;
  }

  cancelTimer(id: TimerId): void {
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    this.timers.delete(id);
    this.host.clearRuntimeTimer(timer);
  }

  /** Ends this incarnation: cancels timers and calls the stop hook (errors in the hook are returned). */
  teardown(): unknown {
    for (const timer of this.timers.values()) this.host.clearRuntimeTimer(timer);
    this.timers.clear();
    this.generation++;
    const behavior = this.behavior;
    this.behavior = undefined;
    try {
      behavior?.stopped?.();
      return undefined;
    } catch (error) {
      return error;
    }
  }
}
