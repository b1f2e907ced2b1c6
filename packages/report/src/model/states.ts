import type { StateRecord } from '../folder/layout.ts';
import type { StateColumns } from './report-model.ts';

/** Actors' states as columns, in time order (stable: two states at one instant keep their order). */
export function stateColumns(states: readonly StateRecord[]): StateColumns {
  const sorted = states.map((s, i) => ({ s, i })).sort((a, b) => a.s.t - b.s.t || a.i - b.i).map((x) => x.s);
  const actors: string[] = [];
  const index = new Map<string, number>();
  const actor = sorted.map((s) => {
    let i = index.get(s.actor);
    if (i === undefined) {
      i = actors.length;
      actors.push(s.actor);
      index.set(s.actor, i);
    }
    return i;
  });
  return { count: sorted.length, actors, t: sorted.map((s) => Math.round(s.t * 1000) / 1000), actor, state: sorted.map((s) => s.state) };
}
