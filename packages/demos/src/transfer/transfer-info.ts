import type { DemoInfo } from '../demo.ts';
import { integerOption } from '../demo-options.ts';

/** What the CLI knows of `faultline demo transfer` without loading it. */
export const transferInfo: DemoInfo = {
  name: 'transfer',
  summary: 'move $100 between two nodes: a timeout means lost, done or still running; only keys + a durable record conserve money',
  defaultNodes: 3,
  minNodes: 3,
  options: [
    integerOption('runs', 0, 2000, 'seeds of random faults to sweep in the simulator (default 50)'),
    integerOption('sweep-seed', 0, 2 ** 31 - 1, 'replay one run of the sweep (the seed it printed), both tellers, instead of the scenes and the sweep'),
  ],
};
