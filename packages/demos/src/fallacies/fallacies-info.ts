import type { DemoInfo } from '../demo.ts';
import { choiceOption } from '../demo-options.ts';

/** The names of the eight fallacy scenes, in FALLACY_SCENES' order (a test keeps them equal), for `--scene`. */
export const FALLACY_SCENE_NAMES: readonly string[] = ['reliable', 'latency', 'bandwidth', 'secure', 'topology', 'administrator', 'transport-cost', 'homogeneous'];

/** What the CLI knows of `faultline demo fallacies` without loading it. */
export const fallaciesInfo: DemoInfo = {
  name: 'fallacies',
  summary: 'the eight fallacies of distributed computing, one short measured scene each (--scene NAME for one)',
  defaultNodes: 2,
  minNodes: 1,
  // Each scene builds its own simulations (auth on and off, a WAN, a capped link).
  runtimes: ['sim'],
  ownSimulations: 'simulations of its own, built per scene',
  noReport: 'each scene builds simulations of its own (auth on and off, a WAN, a capped link), so the cluster a report draws carries nothing; the measurements are printed per scene',
  options: [choiceOption('scene', FALLACY_SCENE_NAMES, 'run one scene only')],
};
