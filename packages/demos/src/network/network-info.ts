import type { DemoInfo } from '../demo.ts';
import { choiceOption, probabilityOption } from '../demo-options.ts';

/** Each network scene's name and default fault probability, in NETWORK_SCENES' order (a test keeps them equal), for `--scene` and `--p`. */
export const NETWORK_SCENE_DEFAULTS: readonly { readonly name: string; readonly p?: number }[] = [
  { name: 'loss', p: 0.2 }, { name: 'delay' }, { name: 'duplication', p: 0.3 }, { name: 'reordering', p: 0.3 }, { name: 'one-way' },
];

/** What the CLI knows of `faultline demo network` without loading it. */
export const networkInfo: DemoInfo = {
  name: 'network',
  summary: 'loss, long-tail delay, duplication, reordering, a one-way link: a naive stream vs seq numbers, dedupe, acks, retransmission',
  defaultNodes: 3,
  minNodes: 3,
  // The latencies compare two nodes' clocks, which only the simulator keeps equal.
  runtimes: ['sim'],
  options: [
    choiceOption('scene', NETWORK_SCENE_DEFAULTS.map((s) => s.name), 'run one scene only'),
    probabilityOption('p', `the fault's probability per frame in the loss, duplication and reordering scenes (default ${NETWORK_SCENE_DEFAULTS.filter((s) => s.p !== undefined).map((s) => `${s.name} ${s.p}`).join(', ')})`),
  ],
};
