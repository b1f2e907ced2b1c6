import type { NodeId } from '@faultline/core';
import { MembershipObserver, type MembershipView } from '@faultline/membership';
import { withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

const KEYS = 120;

/** Rendezvous hashing: each key goes to the member with the highest hash of (key, member). */
function owner(key: number, members: readonly string[]): string {
  let best = '';
  let bestScore = -1;
  for (const m of members) {
    let h = 2166136261 ^ key;
    for (let i = 0; i < m.length; i++) h = Math.imul(h ^ m.charCodeAt(i), 16777619);
    const score = (h ^ (h >>> 15)) >>> 0;
    if (score > bestScore) [best, bestScore] = [m, score];
  }
  return best;
}

const alive = (view: MembershipView | undefined): string[] => (view ? view.members.filter((m) => m.status === 'alive').map((m): string => m.node).sort() : []);

/** "Topology doesn't change": a node joins and another leaves; membership and key ownership follow. */
export const topologyScene: FallacyScene = {
  name: 'topology',
  fallacy: "topology doesn't change",
  run: (seed) => withRig(seed, 5, async ({ sim }) => {
    const first = ['n1', 'n2', 'n3', 'n4'] as NodeId[];
    const observer = await MembershipObserver.start(sim, { nodes: first, props: { config: { preset: 'sim-fast' }, members: first } });
    const lines = [`SWIM runs on n1…n4; ${KEYS} keys are spread over the members n1's view says are alive (rendezvous hashing).`];
    let owners = new Map<number, string>();
    let previous: string[] = [];
    const phase = async (title: string) => {
      await sim.sleep(2_000);
      const views = await observer.views();
      const members = alive(views.get('n1' as NodeId));
      const agree = [...views.values()].filter((v) => v && alive(v).join() === members.join()).length;
      const next = new Map(Array.from({ length: KEYS }, (_, k) => [k, owner(k, members)] as const));
      const movedKeys = [...next].filter(([k, o]) => owners.get(k) !== o);
      // A key that moved between two nodes that were members before and after would be needless churn.
      const stayed = (n: string | undefined) => n !== undefined && members.includes(n) && previous.includes(n);
      const needless = owners.size === 0 ? 0 : movedKeys.filter(([k, o]) => stayed(owners.get(k)) && stayed(o)).length;
      owners = next;
      previous = members;
      lines.push(`${title}: alive per n1 = {${members.join(',')}}; ${agree} of ${views.size} nodes agree; ${movedKeys.length} of ${KEYS} keys (re)assigned, ${needless} between nodes that stayed`);
    };
    await phase('  start');
    await observer.add('n5', { config: { preset: 'sim-fast' }, seeds: ['n1' as NodeId], members: first });
    await phase('  n5 joins through n1');
    await observer.command('n2', { type: 'leave' });
    await phase('  n2 leaves');
    lines.push('Nobody edited a config file: the member list and the key owners followed the cluster as it changed,');
    lines.push('and keys moved only to the node that came or from the node that went.');
    return lines;
  }),
};
