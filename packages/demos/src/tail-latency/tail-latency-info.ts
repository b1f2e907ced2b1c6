import type { DemoInfo } from '../demo.ts';
import { integerOption } from '../demo-options.ts';

/** How many back ends the demo runs (the widest fan-out). */
export const BACKENDS = 100;
/** Requests per width in the model: enough that a share is within ±0.5 points (2σ at 63 %). */
export const MODEL_REQUESTS = 100_000;

/** What the CLI knows of `faultline demo tail-latency` without loading it. */
export const tailLatencyInfo: DemoInfo = {
  name: 'tail-latency',
  summary: 'fan-out to N back ends: the share slower than their p99 grows as 1 − 0.99^N; hedging cuts it',
  defaultNodes: 2,
  minNodes: 2,
  // Real timers on workers cannot hold ms-level service times steady; the lesson is about distributions.
  runtimes: ['sim'],
  options: [
    integerOption('n', 1, BACKENDS, 'fan-out width for the hedging section and the histogram (default 100)'),
    integerOption('requests', 50, 5000, 'requests per width driven through the actors (default 300)'),
    integerOption('model', 1000, 1_000_000, `requests per width in the seeded model (default ${MODEL_REQUESTS})`),
  ],
};
