// What the CLI knows of every demo without loading one: `faultline --help`, `demo --list` and
// `demo NAME --help` read this, and it imports no demo's implementation (issue 27 item 5: each of
// those starts in ≤ 300 ms). A demo runs from demo-loaders.ts, which imports only the one chosen.
import type { DemoInfo } from './demo.ts';
import { cpVsApInfo } from './cp-vs-ap/cp-vs-ap-info.ts';
import { echoInfo } from './echo/echo-info.ts';
import { clockSkewInfo } from './clock-skew/clock-skew-info.ts';
import { partitionInfo } from './partition/partition-info.ts';
import { transferInfo } from './transfer/transfer-info.ts';
import { networkInfo } from './network/network-info.ts';
import { twoGeneralsInfo } from './two-generals/two-generals-info.ts';
import { tailLatencyInfo } from './tail-latency/tail-latency-info.ts';
import { fallaciesInfo } from './fallacies/fallacies-info.ts';
import { diskInfo } from './disk/disk-info.ts';
import { raftInfo } from './raft/raft-info.ts';

/** Every demo's info, in the registry's order: the first is what `faultline demo` runs with no name. */
export const DEMO_CATALOG: readonly DemoInfo[] = [cpVsApInfo, echoInfo, clockSkewInfo, partitionInfo,
  transferInfo, networkInfo, twoGeneralsInfo, tailLatencyInfo, fallaciesInfo, diskInfo, raftInfo,
];

/** The demo `faultline demo` runs when no name is given. */
export const DEFAULT_DEMO = (DEMO_CATALOG[0] as DemoInfo).name;

/** Finds a demo's info by name. */
export function findDemoInfo(name: string): DemoInfo | undefined {
  return DEMO_CATALOG.find((d) => d.name === name);
}
