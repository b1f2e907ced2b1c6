import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunRecorder, type MembershipRecord } from '../src/index.ts';
import { membershipModel } from '../src/model/membership.ts';

// Issue 27, item 3: a 1,000-node cluster's join logs every node seeing every other join, about a
// million membership events. The report takes them without a spread call (whose argument count
// such a log exceeds) and orders a million tracks without a scan of the node list per comparison.

const root = mkdtempSync(join(tmpdir(), 'faultline-membership-scale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function joinStorm(n: number): MembershipRecord[] {
  const out: MembershipRecord[] = [];
  for (let o = 1; o <= n; o++) for (let m = 1; m <= n; m++) out.push({ type: 'member-joined', observer: `n${o}`, node: `n${m}`, status: 'alive', at: o + m });
  return out;
}

describe('membership records of a 1,000-node cluster', () => {
  const records = joinStorm(1000);

  it('are taken by the run recorder in one call', { timeout: 120_000 }, () => {
    const record = new RunRecorder({ dir: join(root, 'run'), title: 'scale', seed: 1, runtime: 'sim', nodes: [], replay: 'x', trace: false });
    expect(() => record.membershipEvents(records)).not.toThrow();
  });

  it('build one track per observer and member, ordered by observer then member', { timeout: 120_000 }, () => {
    const model = membershipModel(records);
    expect(model?.tracks.length).toBe(1_000_000);
    expect(model?.tracks[0]).toMatchObject({ observer: 'n1', member: 'n1' });
    expect(model?.tracks[1001]).toMatchObject({ observer: 'n2', member: 'n2' });
    expect(model?.tracks.at(-1)).toMatchObject({ observer: 'n1000', member: 'n1000' });
  });
});
