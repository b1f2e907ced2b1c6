import { createRng } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { kafkaWorkload } from '../src/workloads/kafka.ts';

// Maelstrom's kafka.clj turns its integer keys into strings (`(update-op-keys op str)`), so a
// program may parse keys as integers: keys are "0", "1"…, never "k0".
describe('kafka keys are as Maelstrom generates them', () => {
  it('every key in sends, polls, commits and lists is a decimal integer string', () => {
    const w = kafkaWorkload();
    const rng = createRng(3);
    const keys = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { body } = w.generate(rng);
      if (typeof body['key'] === 'string') keys.add(body['key']);
      for (const k of Object.keys((body['offsets'] ?? {}) as object)) keys.add(k);
      for (const k of (body['keys'] ?? []) as string[]) keys.add(k);
    }
    expect(keys.size).toBeGreaterThan(1);
    for (const k of keys) expect(k).toMatch(/^(0|[1-9][0-9]*)$/);
  });
});
