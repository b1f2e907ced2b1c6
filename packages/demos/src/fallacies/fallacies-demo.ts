import { createRng } from '@faultline/core';
import type { Demo } from '../demo.ts';
import { fallaciesInfo } from './fallacies-info.ts';
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
  ...fallaciesInfo,
  actorModules: [],
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
