import type { Demo } from './demo.ts';
import { cpVsApDemo } from './cp-vs-ap/cp-vs-ap-demo.ts';
import { echoDemo } from './echo/echo-demo.ts';
import { clockSkewDemo } from './clock-skew/clock-skew-demo.ts';
import { partitionDemo } from './partition/partition-demo.ts';
import { tailLatencyDemo } from './tail-latency/tail-latency-demo.ts';
import { transferDemo } from './transfer/transfer-demo.ts';
import { networkDemo } from './network/network-demo.ts';
import { fallaciesDemo } from './fallacies/fallacies-demo.ts';
import { twoGeneralsDemo } from './two-generals/two-generals-demo.ts';
import { diskDemo } from './disk/disk-demo.ts';
import { raftDemo } from './raft/raft-demo.ts';

/**
 * Every demo, loaded: for tests and tools that need them all. The CLI never imports this: it reads
 * demo-catalog.ts (the same demos' info, same order) and loads one demo from demo-loaders.ts.
 */
export const DEMOS: readonly Demo[] = [cpVsApDemo, echoDemo, clockSkewDemo, partitionDemo,
  transferDemo, networkDemo, twoGeneralsDemo, tailLatencyDemo, fallaciesDemo, diskDemo, raftDemo,
];

/** Finds a demo by name. */
export function findDemo(name: string): Demo | undefined {
  return DEMOS.find((d) => d.name === name);
}
