import type { DemoInfo } from '../demo.ts';
import { integerOption } from '../demo-options.ts';

/** What the CLI knows of `faultline demo disk` without loading it. */
export const diskInfo: DemoInfo = {
  name: 'disk',
  summary: 'ack before fsync loses acknowledged writes on a crash in some seeds; fsync before ack in none, at one fsync per write',
  defaultNodes: 2,
  minNodes: 2,
  runtimes: ['sim'],
  noReport: 'every seed is a simulation of its own under the disk model (the store crashes and restarts in each), so the cluster a report draws carries nothing; the counts per policy are printed',
  options: [integerOption('seeds', 1, 5000, 'seeds per policy, from --seed on (default 200)')],
};
