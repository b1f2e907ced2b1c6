import type { NodeId, Rng } from '@faultline/core';
import { setSlot, SHARED_NODE_INDEX, type NodeIndex } from './node-index.ts';

/**
 * SWIM's round-robin probe order with random permutation (Das et al. 2002, §4.3): every member is
 * probed once per round, in a fresh random order each round; a new member goes to a random
 * position, so every member is probed within (2n − 1) protocol periods.
 */
export class ProbeOrder {
  private readonly rng: Rng;
  private readonly numbers: NodeIndex;
  private list: NodeId[] = [];
  /** `present[number]`: the member with that node number is in `list` (`add` runs on every applied update: no scan). */
  private readonly present: boolean[] = [];
  private index = 0;
  private urgent: NodeId[] = [];

  constructor(rng: Rng, index: NodeIndex = SHARED_NODE_INDEX) {
    this.rng = rng;
    this.numbers = index;
  }

  /** Adds a member at a random position, unless already present. */
  add(node: NodeId): void {
    const n = this.numbers.numberOf(node);
    if (this.present[n] === true) return;
    setSlot(this.present, n, true, false);
    const at = this.rng.int(this.list.length + 1);
    this.list.splice(at, 0, node);
    if (at < this.index) this.index++;
  }

  /** Probes `node` next, ahead of the round-robin order (the round itself is unchanged). */
  prioritize(node: NodeId): void {
    if (!this.urgent.includes(node)) this.urgent.push(node);
  }

  /** The next member that `eligible` accepts, or undefined when none does. */
  next(eligible: (node: NodeId) => boolean): NodeId | undefined {
    while (this.urgent.length > 0) {
      const node = this.urgent.shift() as NodeId;
      if (eligible(node)) return node;
    }
    for (let tried = 0; tried <= this.list.length; tried++) {
      if (this.index >= this.list.length) {
        this.list = this.rng.shuffled(this.list);
        this.index = 0;
      }
      const node = this.list[this.index++];
      if (node !== undefined && eligible(node)) return node;
    }
    return undefined;
  }
}
