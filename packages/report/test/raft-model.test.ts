import { describe, expect, it } from 'vitest';
import { raftModel } from '../src/model/raft.ts';

describe('the Raft chart model', () => {
  it('makes one track per node in natural order, changes in time order, and the highest commit index', () => {
    const m = raftModel([
      { node: 'n10', at: 5, role: 'follower', term: 1, commitIndex: 2 },
      { node: 'n2', at: 9, role: 'leader', term: 2, commitIndex: 7 },
      { node: 'n2', at: 1, role: 'candidate', term: 1, commitIndex: 0 },
    ]);
    expect(m?.tracks.map((t) => t.node)).toEqual(['n2', 'n10']);
    expect(m?.tracks[0]).toEqual({ node: 'n2', at: [1, 9], role: ['candidate', 'leader'], term: [1, 2], commit: [0, 7] });
    expect(m?.maxCommit).toBe(7);
  });

  it('is absent when the run recorded no Raft nodes', () => {
    expect(raftModel([])).toBeUndefined();
  });
});
