import { describe, expect, it } from 'vitest';
import { ClockValueError, envelopeProblem, NodeClocks, type ActorName, type Envelope, type NodeId } from '../src/index.ts';

const a = { node: 'n1' as NodeId, name: 'a' as ActorName };
const tell = (stamps: unknown): Envelope => ({ from: a, to: a, kind: 'tell', id: 1, payload: null, stamps: stamps as Envelope['stamps'] });

// The node merges stamps that passed this check without checking them again (issue 27 item 2), so
// the check must catch every stamp the clocks would refuse, and never throw itself.
describe('the inbound check of clock stamps', () => {
  it('reports an HLC stamp that is not an object rather than throwing', () => {
    expect(envelopeProblem(tell({ lamport: 1, hlc: null }))).toMatch(/HLC stamp null is not \{l, c\}/);
    expect(envelopeProblem(tell({ lamport: 1, hlc: 5 }))).toMatch(/HLC stamp 5 is not \{l, c\}/);
  });

  it('passes well-formed stamps, and reports out-of-range ones', () => {
    expect(envelopeProblem(tell({ lamport: 1, hlc: { l: 5, c: 0 } }))).toBeUndefined();
    expect(envelopeProblem(tell({ lamport: 1, hlc: { l: 5, c: 65_536 } }))).toMatch(/HLC stamp c=65536/);
    expect(envelopeProblem(tell({ lamport: 1, hlc: { l: -1, c: 0 } }))).toMatch(/HLC stamp l=-1/);
  });

  it('leaves NodeClocks.observe checking stamps itself for callers without the inbound check', () => {
    const clocks = new NodeClocks('n1', () => 10);
    expect(() => clocks.observe({ hlc: { l: 1.5, c: 0 } })).toThrow(ClockValueError);
    expect(() => clocks.observe({ hlc: null as never })).toThrow(ClockValueError);
    clocks.observe({ lamport: 7, hlc: { l: 12, c: 3 } });
    expect(clocks.lamport).toBe(8);
    expect(clocks.hlc).toEqual({ l: 12, c: 4 });
  });
});
