// Issue 20, item 3: replies were matched to pending asks by id alone, so an answer with the right id
// from any node (a replay, or another member of the cluster) settled an ask sent elsewhere.
import { describe, expect, it } from 'vitest';
import type { AskOutcome } from '../src/outcome.ts';
import { PendingAsks } from '../src/node/pending-asks.ts';

describe('PendingAsks: only the node that was asked answers', () => {
  it('ignores and counts an answer from another node, then settles with the one from the asked node', () => {
    const asks = new PendingAsks();
    const outcomes: AskOutcome<unknown>[] = [];
    asks.add(7, (o) => outcomes.push(o), 'timer-7', 'n1');
    expect(asks.settle(7, { status: 'ok', value: 'forged' }, 'n2')).toBeUndefined();
    expect(asks.strayReplies).toBe(1);
    expect(asks.size).toBe(1);
    expect(outcomes).toEqual([]);
    expect(asks.settle(7, { status: 'ok', value: 'real' }, 'n1')).toEqual({ timer: 'timer-7' });
    expect(outcomes).toEqual([{ status: 'ok', value: 'real' }]);
  });

  it('still lets a timeout (no sender) settle the ask', () => {
    const asks = new PendingAsks();
    const outcomes: AskOutcome<unknown>[] = [];
    asks.add(1, (o) => outcomes.push(o), 't', 'n3');
    asks.settle(1, { status: 'unknown', reason: 'timeout', message: 'no reply' });
    expect(outcomes).toHaveLength(1);
    expect(asks.strayReplies).toBe(0);
  });
});
