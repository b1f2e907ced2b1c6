import { createRng } from '@faultline/core';
import { retime } from './same-seed.ts';
import type { ShrinkSearch } from './search.ts';

/** Candidate runs tried at one operation bound before it is judged too small. */
const TRIES_PER_BOUND = 100;

/**
 * Looks for a smaller failing run under other seeds. A run shrunk on its own seed is stuck when
 * the failure needs the exact interleaving that its first operations set up: fewer operations,
 * fewer clients or an earlier fault give a different run, and that run passes. The bug, though,
 * is in the protocol, not in the seed: other seeds with a small workload and the shrunk fault plan
 * (moved to a random point of the shorter run, as Hypothesis re-draws what it cannot simplify)
 * hit it too. Tries operation bounds 1, 2, 4, … below the current run's (small runs are cheap, so
 * the ladder starts at the bottom); at each, up to {@link TRIES_PER_BOUND} seeds, each with a
 * random client count up to the current one. Returns true when it found a smaller run.
 */
export async function shrinkOnOtherSeeds<S>(search: ShrinkSearch<S>, round: number): Promise<boolean> {
  const rng = createRng(search.original.seed).derive(`shrink:other-seeds:${round}`);
  const before = search.best.operations;
  const from = search.current;
  const workloadMs = search.best.workloadMs;
  for (let bound = 1; bound < before && !search.spent(); bound = Math.min(bound * 2, before - 1)) {
    // The fault plan starts somewhere within the time the smaller workload is likely to take.
    const expectMs = Math.max(20, (workloadMs * bound) / Math.max(1, before));
    for (let t = 0; t < TRIES_PER_BOUND && !search.spent(); t++) {
      const candidate = {
        seed: rng.int(0x7fffffff),
        plan: retime(from.plan, Math.floor(rng.next() * expectMs)),
        bounds: { ...from.bounds, operations: bound, clients: 1 + rng.int(from.bounds.clients) },
        buggify: from.buggify && rng.chance(0.5),
      };
      if (await search.attempt(candidate)) return true;
    }
    if (bound === before - 1) break;
  }
  return search.best.operations < before;
}
