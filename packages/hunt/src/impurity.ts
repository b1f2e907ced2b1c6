import { defineActor, formatAddress, type ActorContext, type ActorDefinition } from '@faultline/core';

/** A call from actor code to a source of time, timers or randomness the simulator does not control. */
export interface ImpureCall {
  readonly actor: string;
  readonly api: string;
}

const PATCHED = ['Math.random', 'Date.now', 'performance.now', 'setTimeout', 'setInterval', 'setImmediate'] as const;

/**
 * Detects `Math.random`, `Date.now`, `setTimeout` and friends called from actor code in the
 * simulator (madsim does the same for its std shims). Definitions spawned through
 * {@link ImpurityWatch.wrap} mark which actor is running while their handlers and timer callbacks
 * run; the globals are patched for the run and record a call made while an actor is marked, then
 * do what they always do (so the run is not changed by watching it).
 */
export class ImpurityWatch {
  readonly calls: ImpureCall[] = [];
  private running: string | undefined;
  private restore: (() => void)[] = [];

  /** Patches the globals; `uninstall` puts them back. */
  install(): void {
    const g = globalThis as unknown as Record<string, unknown>;
    const patch = (owner: Record<string, unknown>, key: string, api: string) => {
      const original = owner[key] as (...args: unknown[]) => unknown;
      const watch = this;
      owner[key] = function (this: unknown, ...args: unknown[]) {
        if (watch.running !== undefined) watch.note(api);
        return original.apply(this, args);
      };
      this.restore.push(() => { owner[key] = original; });
    };
    for (const api of PATCHED) {
      const [a, b] = api.split('.');
      if (b === undefined) patch(g, a!, api);
      else patch(g[a!] as Record<string, unknown>, b, api);
    }
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0).reverse()) undo();
  }

  /** A definition that marks its actor as running around `setup`, every `receive` and every timer callback. */
  wrap<M, P>(definition: ActorDefinition<M, P>): ActorDefinition<M, P> {
    const watch = this;
    return defineActor<M, P>({
      ...definition,
      setup(ctx: ActorContext, props: P) {
        const name = formatAddress(ctx.self);
        const marked = <T>(fn: () => T): T => {
          const outer = watch.running;
          watch.running = name;
          try { return fn(); } finally { watch.running = outer; }
        };
        const wrappedCtx: ActorContext = Object.create(ctx, {
          setTimer: { value: (ms: number, fn: () => void) => ctx.setTimer(ms, () => marked(fn)) },
        }) as ActorContext;
        const behavior = marked(() => definition.setup(wrappedCtx, props));
        return {
          receive: (message, incoming) => marked(() => behavior.receive(message, incoming)),
          ...(behavior.stopped ? { stopped: () => marked(() => behavior.stopped!()) } : {}),
        };
      },
    });
  }

  private note(api: string): void {
    const actor = this.running!;
    if (!this.calls.some((c) => c.actor === actor && c.api === api)) this.calls.push({ actor, api });
  }
}
