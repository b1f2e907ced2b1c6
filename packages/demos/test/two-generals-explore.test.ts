import { describe, expect, it } from 'vitest';
import { explore } from '@faultline/explore';
import { explore as enumeratePatterns } from '../src/two-generals/exhaustive.ts';
import { endingOfState, twoGeneralsSpec } from '../src/two-generals/explore-spec.ts';
import type { Ending } from '../src/two-generals/protocol.ts';

/** Issue 24 item 5: the demo's hand-written enumeration, re-expressed as a search of the real actors. */
describe('faultline explore on the Two Generals (the General actors themselves, every messenger delivered or lost)', () => {
  for (const k of [0, 1, 2]) {
    it(`k = ${k}: exhausts the space and finds the demo's distinct runs and endings`, async () => {
      const endings: Ending[] = [];
      const result = await explore(twoGeneralsSpec(k), { strategy: 'bfs', maxDrops: k + 1, onTerminal: (s) => endings.push(endingOfState(s)) });
      expect(result.stats.exhausted).toBe(true);
      // The demo's table: distinct runs (by the messengers actually sent) and their endings.
      const distinct = new Map<string, Ending>();
      for (const r of enumeratePatterns(k)) distinct.set(r.lost.slice(0, r.sent).map((l) => (l ? 'x' : '.')).join(''), r.ending);
      const tally = (xs: Iterable<Ending>) => { const t: Record<string, number> = {}; for (const e of xs) t[e] = (t[e] ?? 0) + 1; return t; };
      expect(tally(endings)).toEqual(tally(distinct.values()));
      expect(endings.length).toBe(k + 2);
    });
  }

  it('returns the shortest run in which one general attacks alone (k = 1: the acknowledgement is lost)', async () => {
    const result = await explore(twoGeneralsSpec(1, { forbidAlone: true }), { strategy: 'bfs', maxDrops: 2 });
    expect(result.violation?.explanation).toContain('B alone');
    expect(result.violation?.trace).toEqual([
      'deliver  explore@driver -> general@n1 order',
      'deliver  general@n1 -> general@n2 messenger {"n":1}',
      'drop     general@n2 -> general@n1 messenger {"n":2}',
    ]);
  });
});
