import type { NodeId } from '@faultline/core';
import type { SplitBrainConfig } from './config.ts';

/** What a split-brain decision tells this node to do. */
export type SplitBrainDecision =
  /** This side survives: down every member on the other side. */
  | { readonly type: 'down-others'; readonly nodes: readonly NodeId[] }
  /** This side loses: this node downs itself (and goes quiet until it rejoins with a new incarnation). */
  | { readonly type: 'down-self' };

/**
 * Decides which side survives, from this node's view only (after Akka's Split Brain Resolver).
 * `side` is this node and the members it reaches; `others` the members it does not (unreachable or
 * down, not yet resolved); `seniority` orders members oldest first. Every node of a side that sees
 * the same split reaches the same decision.
 */
export function decideSplitBrain(
  config: SplitBrainConfig,
  side: readonly NodeId[],
  others: readonly NodeId[],
  seniority: readonly NodeId[],
): SplitBrainDecision {
  const win: SplitBrainDecision = { type: 'down-others', nodes: others };
  const lose: SplitBrainDecision = { type: 'down-self' };
  switch (config.strategy) {
    case 'keep-majority': {
      const total = side.length + others.length;
      if (side.length * 2 > total) return win;
      if (side.length * 2 < total) return lose;
      // An exact tie: the side holding the oldest member wins (Akka: the lowest address).
      return side.includes(oldest([...side, ...others], seniority)) ? win : lose;
    }
    case 'static-quorum':
      return side.length >= (config.quorumSize ?? Infinity) ? win : lose;
    case 'keep-oldest': {
      const first = oldest([...side, ...others], seniority);
      const mine = side.includes(first);
      // down-if-alone: an oldest member cut off on its own loses to a larger other side.
      if (mine && side.length === 1 && others.length > 1) return lose;
      if (!mine && others.length === 1 && side.length > 1) return win;
      return mine ? win : lose;
    }
    case 'down-all':
      return lose;
    default: {
      const never: never = config.strategy;
      throw new Error(`unknown split-brain strategy ${String(never)}`);
    }
  }
}

/** The oldest of `members` by `seniority`; members missing from it come after, by node id. */
export function oldest(members: readonly NodeId[], seniority: readonly NodeId[]): NodeId {
  const rank = (n: NodeId) => {
    const i = seniority.indexOf(n);
    return i === -1 ? seniority.length : i;
  };
  const sorted = [...members].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const first = sorted[0];
  if (first === undefined) throw new Error('oldest() of no members');
  return first;
}
