import { createRng } from '@faultline/core';
import type { Demo } from '../demo.ts';
import { choiceOption } from '../demo-options.ts';
import { administratorScene } from './administrator.ts';
import { bandwidthScene } from './bandwidth.ts';
import { homogeneousScene } from './homogeneous.ts';
import { latencyScene } from './latency.ts';
import { reliableScene } from './reliable.ts';
import type { FallacyScene } from './scene.ts';
import { secureScene } from './secure.ts';
import { topologyScene } from './topology.ts';
import { transportCostScene } from './transport-cost.ts';

/** The eight fallacies, in the order they are usually listed. */
export const FALLACY_SCENES: readonly FallacyScene[] = [
  reliableScene, latencyScene, bandwidthScene, secureScene, topologyScene, administratorScene, transportCostScene, homogeneousScene,
];

/** `faultline demo fallacies`: the eight fallacies of distributed computing, one measured scene each. */
export const fallaciesDemo: Demo = {
  name: 'fallacies',
  summary: 'the eight fallacies of distributed computing, one short measured scene each (--scene NAME for one)',
  defaultNodes: 2,
  minNodes: 1,
  actorModules: [],
  // Each scene builds its own simulations (auth on and off, a WAN, a capped link).
  runtimes: ['sim'],
  ownSimulations: 'simulations of its own, built per scene',
  noReport: 'each scene builds simulations of its own (auth on and off, a WAN, a capped link), so the cluster a report draws carries nothing; the measurements are printed per scene',
  options: [choiceOption('scene', FALLACY_SCENES.map((s) => s.name), 'run one scene only')],
  async run(context) {
    const { cluster, out } = context;
    const only = context.options.get('scene');
    const rng = createRng(cluster.seed).derive('fallacies');
    for (const [i, scene] of FALLACY_SCENES.entries()) {
      const seed = rng.int(2 ** 31); // drawn for every scene, so --scene X replays X exactly as in the full tour
      if (only !== undefined && scene.name !== only) continue;
      out(`━━ ${i + 1}. "${scene.fallacy}" (--scene ${scene.name})`);
      for (const line of await scene.run(seed)) out(`  ${line}`);
      out('');
    }
    return 0;
  },
};
