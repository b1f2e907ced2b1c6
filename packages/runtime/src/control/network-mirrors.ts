import { createRng } from '@faultline/core';
import type { LinkLayer } from '@faultline/transport';
import { DRIVER_NODE } from '../cluster.ts';
import { cloneFailure, unwrapResult, type ControlResult } from '../host/errors.ts';
import { applyNetworkUpdate, loadLinkLayer, networkRng } from '../host/network-loader.ts';

/** A node whose mirror takes updates: up or not, and how to hand it one. */
export interface MirrorTarget {
  readonly isUp: boolean;
  configureNetwork(update: unknown): Promise<ControlResult<void>>;
}
import type { NetworkModuleSpec } from '../host/network-module.ts';

/**
 * The controller's side of the faults seam. The network model runs as one mirror per sender (each
 * worker, and the driver here), all built from the same module and options; every update goes to
 * every live mirror and is kept, to be replayed in order on a node that starts later.
 */
export class NetworkMirrors {
  /** The driver's own mirror (undefined without a configured network). */
  readonly driverLink: LinkLayer | undefined;
  private readonly log: unknown[] = [];

  private constructor(driverLink: LinkLayer | undefined) {
    this.driverLink = driverLink;
  }

  /** Loads the driver's mirror; throws ConfigError naming the field when the module or export is wrong. */
  static async load(spec: NetworkModuleSpec | undefined, seed: number): Promise<NetworkMirrors> {
    return new NetworkMirrors(spec ? await loadLinkLayer(spec, networkRng(createRng(seed), DRIVER_NODE, 0)) : undefined);
  }

  /** Every update so far, in order. */
  get updates(): readonly unknown[] {
    return [...this.log];
  }

  /** Applies an update to the driver's mirror, then to each live node's; rejects with the first refusal. */
  async configure(update: unknown, nodes: Iterable<MirrorTarget>): Promise<void> {
    try {
      structuredClone(update);
    } catch (error) {
      cloneFailure('network update', update)(error);
    }
    applyNetworkUpdate(this.driverLink, update);
    this.log.push(update);
    const calls = [...nodes].filter((p) => p.isUp).map((p) => p.configureNetwork(update));
    for (const result of await Promise.all(calls)) unwrapResult(result);
  }
}
