import type { Address } from '../ids.ts';

/**
 * Decides whether a `ctx.buggify(label)` site fires. `faultline test` installs one, seeded by the
 * run's seed, around each simulated run; everywhere else none is installed and every site is off.
 */
export interface BuggifySource {
  /** True when the site `label`, reached by `actor`, takes its rare path this time. */
  fire(label: string, actor: Address): boolean;
}

let active: BuggifySource | undefined;

/** Installs the source every `ctx.buggify` asks (one simulated run at a time per thread); `undefined` turns buggify off. */
export function installBuggify(source: BuggifySource | undefined): void {
  active = source;
}

/** Whether the site fires: always false when no source is installed (outside `faultline test`). */
export function buggifyFires(label: string, actor: Address): boolean {
  return active === undefined ? false : active.fire(label, actor);
}
