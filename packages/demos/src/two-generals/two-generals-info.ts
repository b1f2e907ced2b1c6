import type { DemoInfo } from '../demo.ts';
import { integerOption, probabilityOption } from '../demo-options.ts';

/** What the CLI knows of `faultline demo two-generals` without loading it. */
export const twoGeneralsInfo: DemoInfo = {
  name: 'two-generals',
  summary: 'attack after k acks, k = 0…4: exhaustive search finds a run with one general alone for every k',
  defaultNodes: 2,
  minNodes: 2,
  // The search and the sampled runs build their own simulations (one per run).
  runtimes: ['sim'],
  ownSimulations: 'simulations of its own, two generals in each',
  noReport: 'its runs are thousands of small simulations of their own (the exhaustive search and the sampled runs), not the cluster a report draws; the message ladder of one run is printed instead',
  options: [
    probabilityOption('p', 'probability that a messenger is lost, for the sampled runs (default 0.1)'),
    integerOption('samples', 10, 5000, 'sampled runs per k in the simulator (default 200)'),
  ],
};
