import type { DemoInfo } from '../demo.ts';
import { choiceOption } from '../demo-options.ts';
import type { MembershipPreset } from '@faultline/membership';

/** The SWIM presets `--preset` accepts: the keys of MEMBERSHIP_PRESETS, listed here so the CLI need not load membership (a test keeps them equal). */
export const PRESETS: readonly MembershipPreset[] = ['lan', 'wan', 'sim-fast'];

/** What the CLI knows of `faultline demo partition` without loading it. */
export const partitionInfo: DemoInfo = {
  name: 'partition',
  summary: 'SWIM membership through a 3|2 split, a heal, a one-way cut and a crash: every node\'s own view',
  defaultNodes: 5,
  minNodes: 4,
  // The observer collects events through a callback in props, which only the simulator can pass.
  runtimes: ['sim'],
  options: [choiceOption('preset', PRESETS, 'the SWIM configuration preset every node runs (default sim-fast: probes every 100 ms; lan and wan are memberlist\'s, far slower to notice)')],
};
