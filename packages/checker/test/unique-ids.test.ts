// The unique-ids model, after Maelstrom's unique-ids workload: acknowledged ids are globally unique.
import { describe, expect, it } from 'vitest';
import { checkOperations, uniqueIdsModel, type Operation } from '../src/index.ts';
import { ops, type OpRow } from './support.ts';

const generates = (ids: readonly (string | number)[]): Operation[] =>
  ops(...ids.map((id, i): OpRow => [i % 7, 'generate', null, id, i, i + 1, 'ok', `n${i % 3}`]));

describe('the unique-ids model', () => {
  it('accepts a thousand distinct ids, across keys and processes', () => {
    const result = checkOperations(uniqueIdsModel, generates(Array.from({ length: 1000 }, (_, i) => `n${i % 3}-${i}`)));
    expect(result.verdict).toBe('linearizable');
  });

  it('catches one duplicate among a thousand, even from different keys, and names both operations', () => {
    const ids: (string | number)[] = Array.from({ length: 1000 }, (_, i) => i);
    ids[900] = 17;
    const result = checkOperations(uniqueIdsModel, generates(ids));
    expect(result.verdict).toBe('not-linearizable');
    expect(result.explanation).toContain('#900 process 4: generate() → 17');
    expect(result.explanation).toMatch(/none of these can in state ids handed out \{[^}]*\b17\b/);
    expect(result.explanation).not.toContain('key "');
  });

  it('compares ids structurally', () => {
    expect(checkOperations(uniqueIdsModel, generates([1, '1'])).verdict).toBe('linearizable');
    const objects = ops([0, 'generate', null, { node: 'n1', seq: 1 }, 0, 1], [1, 'generate', null, { seq: 1, node: 'n1' }, 0, 1]);
    expect(checkOperations(uniqueIdsModel, objects).verdict).toBe('not-linearizable');
  });

  it('ignores generates that failed or whose outcome is unknown', () => {
    const history = ops([0, 'generate', null, 5, 0, 1, 'ok'], [1, 'generate', null, 5, 0, 1, 'fail'], [2, 'generate', null, null, 0, 1, 'unknown']);
    expect(checkOperations(uniqueIdsModel, history).verdict).toBe('linearizable');
  });

  it('refuses other operations and an ok generate without an id', () => {
    expect(() => checkOperations(uniqueIdsModel, ops([0, 'read', null, 1, 0, 1]))).toThrow(/accepts generate/);
    expect(() => checkOperations(uniqueIdsModel, ops([0, 'generate', null, null, 0, 1]))).toThrow(/must return the id/);
  });
});
