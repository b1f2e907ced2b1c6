import { describe, expect, it } from 'vitest';
import { StallWatch } from '../../src/index.ts';

// The watch clears its owner tally only when the tally holds something (Map#clear makes a new table
// even when empty, once per delivery under a fault network): these pin that a new instant still
// starts from an empty tally, so a stall names only the owners of its own instant.
describe('StallWatch', () => {
  it('names only the owners of the stuck instant, not those of an earlier busy one', () => {
    const watch = new StallWatch(10_005);
    for (let i = 0; i < 10_004; i++) watch.note(1, 'early@n1'); // past limit - 10,000: tallied
    let stalled = false;
    for (let i = 0; i < 10_005 && !stalled; i++) stalled = watch.note(2, i % 2 === 0 ? 'late@n2' : { node: 'n3', name: 'other' });
    expect(stalled).toBe(true);
    expect(watch.culprits().map((c) => c.owner).sort()).toEqual(['late@n2', 'other@n3']);
  });

  it('counts events per instant from zero after time moves on', () => {
    const watch = new StallWatch(3);
    expect([watch.note(1, 'a'), watch.note(1, 'a'), watch.note(2, 'a'), watch.note(2, 'a'), watch.note(2, 'a')]).toEqual([false, false, false, false, true]);
  });
});
