import { Simulation, type RuntimeKind } from '@faultline/runtime';
import { FaultNetwork, networkPresets } from '@faultline/transport';
import type { DemoContext } from '../demo.ts';

/** What a demo needs to start its cluster in either runtime. */
export interface StartOptions {
  readonly runtime: RuntimeKind;
  readonly seed: number | undefined;
  readonly nodes: number;
  readonly modules: readonly string[];
  readonly outDir: string;
}

/** Starts a cluster in the chosen runtime, with a fault network both runtimes honour. */
export async function startCluster(options: StartOptions, out: (line: string) => void): Promise<DemoContext> {
  const net = new FaultNetwork({ nodes: options.nodes, ...networkPresets.lan });
  if (options.runtime === 'sim') {
    const sim = new Simulation({ seed: options.seed, nodes: options.nodes, network: net.attach });
    return { cluster: sim, net, clockFault: (node, fault) => sim.clockFault(node, fault), out, outDir: options.outDir };
  }
  const runtime = (await import('@faultline/runtime')) as Record<string, unknown>;
  const WorkerCluster = runtime['WorkerCluster'] as { start(config: unknown): Promise<DemoContext['cluster']> } | undefined;
  if (!WorkerCluster) throw new Error('the worker runtime is not available in this build');
  const cluster = await WorkerCluster.start({ seed: options.seed, nodes: options.nodes, modules: options.modules });
  return { cluster, net, clockFault: async () => undefined, out, outDir: options.outDir };
}
