import type { DemoInfo } from '../demo.ts';
import { integerOption } from '../demo-options.ts';

/** How far ahead the first node's clock runs by default, ms (`--skew-ms`). */
export const SKEW_MS = 50;

/** What the CLI knows of `faultline demo clock-skew` without loading it. */
export const clockSkewInfo: DemoInfo = {
  name: 'clock-skew',
  summary: `two clocks ${SKEW_MS} ms apart: last-writer-wins by wall clock loses the later write; HLC keeps it`,
  defaultNodes: 2,
  minNodes: 2,
  options: [integerOption('skew-ms', 0, 60_000, `how far ahead the first node's clock runs, ms (default ${SKEW_MS}); below the 20 ms between the writes, wall clocks keep the later write`)],
};
