import type { Demo } from './demo.ts';

// How to load each demo's implementation, by name: the CLI imports only the demo it runs. The
// specifiers are literals, never built from a name the user typed (STYLE.md, trust boundaries).
const LOADERS: Readonly<Record<string, () => Promise<Demo>>> = {
  'cp-vs-ap': async () => (await import('./cp-vs-ap/cp-vs-ap-demo.ts')).cpVsApDemo,
  echo: async () => (await import('./echo/echo-demo.ts')).echoDemo,
  'clock-skew': async () => (await import('./clock-skew/clock-skew-demo.ts')).clockSkewDemo,
  partition: async () => (await import('./partition/partition-demo.ts')).partitionDemo,
  transfer: async () => (await import('./transfer/transfer-demo.ts')).transferDemo,
  network: async () => (await import('./network/network-demo.ts')).networkDemo,
  'two-generals': async () => (await import('./two-generals/two-generals-demo.ts')).twoGeneralsDemo,
  'tail-latency': async () => (await import('./tail-latency/tail-latency-demo.ts')).tailLatencyDemo,
  fallacies: async () => (await import('./fallacies/fallacies-demo.ts')).fallaciesDemo,
  disk: async () => (await import('./disk/disk-demo.ts')).diskDemo,
  raft: async () => (await import('./raft/raft-demo.ts')).raftDemo,
};

/** The names that have a loader (a test keeps them equal to the catalog's). */
export const LOADABLE_DEMOS: readonly string[] = Object.keys(LOADERS);

/** Imports one demo's implementation; undefined for a name that is not a demo. */
export async function loadDemo(name: string): Promise<Demo | undefined> {
  return Object.hasOwn(LOADERS, name) ? await (LOADERS[name] as () => Promise<Demo>)() : undefined;
}
