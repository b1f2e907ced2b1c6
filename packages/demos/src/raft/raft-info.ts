import type { DemoInfo } from '../demo.ts';
import { choiceOption, integerOption } from '../demo-options.ts';

/** The scenes `--scene` accepts (all runs every one). */
export const SCENES = ['elections', 'figure8', 'stale-reads', 'lease', 'asymmetric', 'membership', 'all'] as const;

/** What the CLI knows of `faultline demo raft` without loading it. */
export const raftInfo: DemoInfo = {
  name: 'raft',
  summary: 'Raft: Figure 16 election times, Figure 8 old-term commits, stale reads from a deposed leader, leases against clock drift, membership changes',
  defaultNodes: 5,
  minNodes: 5,
  // Every scene builds its own simulations; nothing runs on the cluster the CLI started.
  runtimes: ['sim'],
  noReport: 'each scene runs many simulations of its own (one per trial or seed), not the cluster a report draws',
  options: [
    choiceOption('scene', SCENES, 'which scene (default all)'),
    integerOption('trials', 10, 10_000, 'trials per row of the elections table (default 1000, as in the paper)'),
    integerOption('tries', 1, 10_000, 'seeds tried for a planted bug before giving up (default 200)'),
    integerOption('seeds', 1, 1000, 'seeds per row of the membership table (default 5)'),
  ],
};
