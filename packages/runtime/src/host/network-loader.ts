import { ConfigError, type Rng } from '@faultline/core';
import type { LinkLayer } from '@faultline/transport';
import type { NetworkModuleSpec } from './network-module.ts';

/** A link layer whose rules can be changed while the cluster runs (see `WorkerCluster.configureNetwork`). */
export interface ConfigurableLinkLayer extends LinkLayer {
  /** Applies a serializable update (e.g. add or remove a rule); throws on an update it does not understand. */
  apply(update: unknown): void;
}

/** True for a link layer that accepts run-time updates. */
export function isConfigurable(layer: LinkLayer | undefined): layer is ConfigurableLinkLayer {
  return layer !== undefined && typeof (layer as Partial<ConfigurableLinkLayer>).apply === 'function';
}

/** Imports the network module and builds one sender's link layer from the run's network stream. */
export async function loadLinkLayer(spec: NetworkModuleSpec, rng: Rng): Promise<LinkLayer> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(spec.module)) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError('network.module', spec.module, `must be an importable module (${error instanceof Error ? error.message : String(error)})`);
  }
  const maker = mod[spec.export];
  if (typeof maker !== 'function') {
    throw new ConfigError('network.export', spec.export, `must name a function exported by ${spec.module} (exports: ${Object.keys(mod).join(', ') || 'none'})`);
  }
  const factory: unknown = maker(spec.options);
  if (typeof factory !== 'function') {
    throw new ConfigError('network.export', spec.export, 'must return a (rng) => LinkLayer factory when called with the options');
  }
  const layer: unknown = factory(rng);
  if (typeof layer !== 'object' || layer === null || typeof (layer as Partial<LinkLayer>).route !== 'function') {
    throw new ConfigError('network.export', spec.export, 'must build an object with a route(packet, now) method');
  }
  return layer as LinkLayer;
}

/** Hands an update to a configurable layer; throws ConfigError when the layer cannot take updates. */
export function applyNetworkUpdate(layer: LinkLayer | undefined, update: unknown): void {
  if (!isConfigurable(layer)) {
    throw new ConfigError('network', layer === undefined ? undefined : 'a layer without apply()',
      'must be a link layer with an apply(update) method to be reconfigured at run time');
  }
  layer.apply(update);
}

/**
 * The stream a sender's link layer draws from: the same `network` stream the simulator hands its
 * one layer. A layer must derive one stream per directed link from it (FaultNetwork does:
 * `link:a->b`), so a link's decisions agree between the two runtimes; `node` and `incarnation`
 * are kept for layers that want to tell their copies apart.
 */
export function networkRng(root: Rng, _node: string, _incarnation: number): Rng {
  return root.derive('network');
}
