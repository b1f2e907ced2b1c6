import type { Envelope } from '@faultline/core';
import { parseChoiceKey } from './choice.ts';
import type { ExploreSpec } from './spec.ts';
import { World, type WorldBounds } from './world.ts';

/** A message event of a recorded path: sent, delivered or dropped in step `step` (0: the set-up). */
export interface PathMessage {
  readonly step: number;
  readonly event: 'send' | 'deliver' | 'drop';
  readonly envelope: Envelope;
}

/** An actor's view after step `step` (`name@node`; `observe@explore` is the spec's `observe`). */
export interface PathState {
  readonly step: number;
  readonly actor: string;
  readonly state: unknown;
}

/** One path replayed with everything a report draws: its messages, the states after each step, its trace lines. */
export interface RecordedPath<S> {
  readonly world: World<S>;
  readonly messages: readonly PathMessage[];
  readonly states: readonly PathState[];
}

/**
 * Replays a path of choices (a capsule's) watching every message and, after the set-up and each
 * step, every actor's `inspect()` and the spec's `observe`: what the report's step mode draws.
 */
export async function recordPath<S>(spec: ExploreSpec<S>, choices: readonly string[], bounds: WorldBounds = {}): Promise<RecordedPath<S>> {
  const messages: PathMessage[] = [];
  const states: PathState[] = [];
  const world = await World.start(spec, bounds, { message: (event, envelope, step) => messages.push({ step, event, envelope }) });
  // Views are often live objects the next step changes: each is copied as it is now.
  const snapshot = (step: number) => { for (const v of world.views()) states.push({ step, actor: v.actor, state: copyOf(v.state) }); };
  snapshot(0);
  for (let i = 0; i < choices.length; i++) {
    const c = parseChoiceKey(choices[i]!);
    if (!c) throw new Error(`malformed choice '${choices[i]}': expected d<n>, x<n>, u<n> or t<n>`);
    await world.apply(c);
    snapshot(i + 1);
  }
  return { world, messages, states };
}

/** A copy of a plain-data view; what cannot be copied (functions, cycles of class instances) is named instead. */
function copyOf(state: unknown): unknown {
  try {
    return structuredClone(state);
  } catch (error) {
    return { inspectError: `not plain data: ${error instanceof Error ? error.message : String(error)}` };
  }
}
