import { choiceKey, parseChoiceKey } from './choice.ts';
import type { Violation } from './result.ts';
import type { ExploreSpec } from './spec.ts';
import { World, type WorldBounds } from './world.ts';

/** Replays `choices`, checking invariants after each; the violation of `property` and where it happened, if it does. */
async function violates<S>(spec: ExploreSpec<S>, choices: readonly string[], bounds: WorldBounds, property: string): Promise<Violation | undefined> {
  let world: World<S>;
  try {
    world = await World.start(spec, bounds);
    for (let i = 0; i < choices.length; i++) {
      const c = parseChoiceKey(choices[i]!);
      if (!c || !world.enabled().some((e) => choiceKey(e) === choices[i])) return undefined;
      await world.apply(c);
      const p = [...(spec.invariants ?? [])].find((x) => x.name === property);
      const why = p?.check(world.state);
      if (why !== undefined) return { property, explanation: why, choices: choices.slice(0, i + 1), trace: [...world.trace] };
    }
    const end = (spec.atEnd ?? []).find((x) => x.name === property);
    const why = world.enabled().length === 0 ? end?.check(world.state) : undefined;
    return why === undefined ? undefined : { property, explanation: `when nothing is left to happen: ${why}`, choices: [...choices], trace: [...world.trace] };
  } catch {
    return undefined;
  }
}

/**
 * Shortens a violating path as DSLabs' trace minimiser does: drop one choice at a time, keep the
 * drop when the rest still replays and still breaks the same property (cut at the first state
 * that does), until no single choice can go. A random walk's or PCT's find comes out short.
 */
export async function minimizeViolation<S>(spec: ExploreSpec<S>, found: Violation, bounds: WorldBounds = {}): Promise<Violation> {
  let best = found;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = best.choices.length - 1; i >= 0; i--) {
      const candidate = [...best.choices.slice(0, i), ...best.choices.slice(i + 1)];
      const v = await violates(spec, candidate, bounds, found.property);
      if (v) { best = v; changed = true; }
    }
  }
  return best;
}
