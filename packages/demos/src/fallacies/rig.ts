import type { Distribution } from '@faultline/core';
import { Simulation, type SimulationConfig } from '@faultline/runtime';
import { FaultNetwork, networkPresets, type MessageTraceEvent } from '@faultline/transport';

/** A fresh simulation with a fault network and every message event collected. */
export interface Rig {
  readonly sim: Simulation;
  readonly net: FaultNetwork;
  readonly trace: MessageTraceEvent[];
}

/** Starts a simulation of `nodes` nodes on a LAN (or the given base latency), with a trace. */
export function rig(seed: number, nodes: number, extra: Partial<SimulationConfig> = {}, baseLatency?: Distribution): Rig {
  const net = new FaultNetwork({ nodes, ...networkPresets.lan, ...(baseLatency ? { baseLatency } : {}) });
  const trace: MessageTraceEvent[] = [];
  const sim = new Simulation({ seed, nodes, network: net.attach, onTrace: (e) => trace.push(e), ...extra });
  return { sim, net, trace };
}

/** Runs `body` on a fresh rig and always shuts it down. */
export async function withRig<T>(seed: number, nodes: number, body: (r: Rig) => Promise<T>, extra: Partial<SimulationConfig> = {}, baseLatency?: Distribution): Promise<T> {
  const r = rig(seed, nodes, extra, baseLatency);
  try {
    return await body(r);
  } finally {
    await r.sim.shutdown();
  }
}

/** `12.3 %` */
export const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
