import type { Demo } from '../demo.ts';
import { raftInfo } from './raft-info.ts';
import { readNumber } from '../demo-options.ts';
import { electionsScene } from './elections-scene.ts';
import { leaseScene } from './lease-scene.ts';
import { asymmetricScene } from './asymmetric-scene.ts';
import { membershipScene } from './membership-scene.ts';
import { hunt, verdictLine } from './planted-scene.ts';

/** `faultline demo raft`: the lessons of leaders, each scene measured and replayable by seed. */
export const raftDemo: Demo = {
  ...raftInfo,
  actorModules: [],
  async run(context) {
    const { cluster, out } = context;
    const scene = context.options.get('scene') ?? 'all';
    const seed = cluster.seed;
    const tries = readNumber(context.options, 'tries', 200);
    if (scene === 'elections' || scene === 'all') await electionsScene(seed, readNumber(context.options, 'trials', 1000), out);
    const planted = async (name: string, variant: 'figure8' | 'local-reads', what: string, nemesis: string) => {
      out(`${what}\n  Hunting from seed ${seed}, at most ${tries} seeds, under ${nemesis}:`);
      const caught = await hunt(variant, 'correct-chaos', seed, tries);
      if (caught === undefined) {
        out(`  not caught in ${tries} seeds; the step-by-step run in packages/raft/test/raft-core.test.ts shows the mechanism.\n`);
        return;
      }
      out(`  caught at seed ${caught.seed}: ${verdictLine(caught.bad)}`);
      if (!caught.bad.linearizability.explanation.startsWith('linearizable')) out(`  ${caught.bad.linearizability.explanation.split('\n').slice(0, 6).join('\n  ')}`);
      for (const v of caught.bad.invariantViolations.slice(0, 3)) out(`  invariant: ${v}`);
      out(`  the correct store, same seed and faults: ${verdictLine(caught.good)}`);
      out(`  replay: pnpm faultline demo raft --scene ${name} --seed ${caught.seed}\n`);
    };
    if (scene === 'figure8' || scene === 'all') {
      await planted('figure8', 'figure8', 'Figure 8 (§5.4.2): a leader that commits an older term\'s entry by counting replicas (unsafeCommitOldTerms),\n  as the paper\'s leader: no no-op on election, no pre-vote or CheckQuorum, one entry per append.',
        'the Figure 8 nemesis (MIT 6.5840\'s schedule: leaders disconnected mid-replication, reconnected below a majority)');
    }
    if (scene === 'stale-reads' || scene === 'all') {
      await planted('stale-reads', 'local-reads', 'Stale reads: a leader that answers reads from its own state (unsafeLeaderLocalReads), CheckQuorum off, as a\n  partition deposes it; ReadIndex (the default) confirms leadership with a round first.',
        'the chaos nemesis (overlapping partitions, kills, pauses, clock bumps)');
    }
    if (scene === 'lease' || scene === 'all') await leaseScene(seed, 5, out);
    if (scene === 'asymmetric' || scene === 'all') await asymmetricScene(seed, 10, out);
    if (scene === 'membership' || scene === 'all') await membershipScene(seed, readNumber(context.options, 'seeds', 5), out);
    return 0;
  },
};
