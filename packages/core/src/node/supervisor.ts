import { formatAddress } from '../ids.ts';
import type { ActorCell } from './actor-cell.ts';
import type { NodeEnvironment, RuntimeTimer } from './environment.ts';
import { errorText } from './events.ts';

/** What the supervisor needs from its node. */
export interface SupervisorHost {
  readonly env: NodeEnvironment;
  /** Forgets a stopped actor. */
  remove(cell: ActorCell): void;
  setRuntimeTimer(delayMs: number, fn: () => void): RuntimeTimer;
}

/**
 * Applies actors' supervision policies: a failure is reported as an event, then the actor is
 * restarted after its backoff, stopped, or the failure escalates to its parent — and past a
 * top-level actor, to the node, which the runtime then crashes.
 */
export class Supervisor {
  private readonly host: SupervisorHost;

  constructor(host: SupervisorHost) {
    this.host = host;
  }

  onFailure(cell: ActorCell, error: unknown): void {
    if (cell.state === 'stopped') return;
    const env = this.host.env;
    const decision = cell.tracker.onFailure(env.now());
    env.emit({ type: 'actor-failed', actor: cell.address, error: errorText(error), action: decision.action, backoffMs: decision.backoffMs });
    env.log({ level: 'error', source: formatAddress(cell.address), time: env.now(), message: `failed: ${errorText(error)}; ${decision.action}` });
    switch (decision.action) {
      case 'stop':
        return this.stop(cell);
      case 'escalate':
        this.stop(cell);
        if (cell.parent) return this.onFailure(cell.parent, error);
        env.emit({ type: 'node-fatal', node: env.node, error: errorText(error) });
        return env.fatal(error);
      case 'restart':
        return this.restart(cell, decision.backoffMs);
      default: {
        const never: never = decision.action;
        throw new Error(`unhandled supervision action ${String(never)}`);
      }
    }
  }

  /** Stops an actor and its children; its timers die with it. */
  stop(cell: ActorCell): void {
    if (cell.state === 'stopped') return;
    for (const child of [...cell.children]) this.stop(child);
    cell.state = 'stopped';
    const hookError = cell.teardown();
    const env = this.host.env;
    if (hookError !== undefined) {
      env.log({ level: 'warn', source: formatAddress(cell.address), time: env.now(), message: `stop hook threw: ${errorText(hookError)}` });
    }
    cell.parent?.children.delete(cell);
    this.host.remove(cell);
    env.emit({ type: 'actor-stopped', actor: cell.address });
  }

  private restart(cell: ActorCell, backoffMs: number): void {
    for (const child of [...cell.children]) this.stop(child);
    cell.teardown();
    cell.state = 'backing-off';
    this.host.setRuntimeTimer(backoffMs, () => {
      if (cell.state !== 'backing-off') return;
      try {
        cell.start();
        this.host.env.emit({ type: 'actor-restarted', actor: cell.address });
      } catch (error) {
        this.onFailure(cell, error);
      }
    });
  }
}
