import { address, type NodeId } from '@faultline/core';
import { defineExplore, type ExploreSpec } from '@faultline/explore';
import { General } from './general.ts';
import { attacks, endingOf, type Ending } from './protocol.ts';

/** What a search of protocol k observes: the messengers each general received. */
export interface GeneralsState {
  readonly k: number;
  readonly a: Set<number>;
  readonly b: Set<number>;
}

/** How a state of the search ends: each general's decision at dawn from what it received. */
export function endingOfState(s: GeneralsState): Ending {
  return endingOf(attacks('A', s.k, s.a), attacks('B', s.k, s.b));
}

/**
 * The Two Generals of protocol k as a search: the same General actors as the demo, A on n1 and B
 * on n2, the order sent by the driver; every messenger between them may be delivered or lost.
 * A run ends when no messenger is left in flight: each terminal state is one distinct run.
 * With `forbidAlone`, a general attacking alone is a violation, and the search returns the shortest such run.
 */
export function twoGeneralsSpec(k: number, options: { readonly forbidAlone?: boolean } = {}): ExploreSpec<GeneralsState> {
  return defineExplore({
    name: `two-generals/k=${k}`,
    nodes: 2,
    setup(world) {
      const state: GeneralsState = { k, a: new Set(), b: new Set() };
      const a = address('n1' as NodeId, 'general');
      const b = address('n2' as NodeId, 'general');
      world.spawn('n1', 'general', General, { role: 'A', k, peer: b, received: state.a });
      world.spawn('n2', 'general', General, { role: 'B', k, peer: a, received: state.b });
      world.tell(a, { type: 'order' });
      return state;
    },
    observe: (s) => [[...s.a].sort(), [...s.b].sort()],
    atEnd: options.forbidAlone ? [{ name: 'no general attacks alone', check: (s) => { const e = endingOfState(s); return e === 'A alone' || e === 'B alone' ? e : undefined; } }] : [],
  });
}
