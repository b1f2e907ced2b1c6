import { Simulation, type Cluster, type RuntimeKind } from '@faultline/runtime';

/** What a demo needs to start its cluster in either runtime. */
export interface StartOptions {
  readonly runtime: RuntimeKind;
  readonly seed: number | undefined;
  readonly nodes: number;
  readonly modules: readonly string[];
}

/** Starts a cluster in the chosen runtime. */
export async function startCluster(options: StartOptions): Promise<Cluster> {
  if (options.runtime === 'sim') {
    return new Simulation({ seed: options.seed, nodes: options.nodes });
  }
  const runtime = (await import('@faultline/runtime')) as Record<string, unknown>;
  const WorkerCluster = runtime['WorkerCluster'] as { start(config: unknown): Promise<Cluster> } | undefined;
  if (!WorkerCluster) throw new Error('the worker runtime is not available in this build');
  return WorkerCluster.start({ seed: options.seed, nodes: options.nodes, modules: options.modules });
}
