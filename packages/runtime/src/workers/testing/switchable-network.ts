/**
 * A tiny reconfigurable network model for tests of the worker runtime's network seam: every frame
 * arrives after `delayMs`, except on directed links that an update has blocked.
 */
import type { NodeId, Rng } from '@faultline/core';
import type { RouteDecision } from '@faultline/transport';
import type { ConfigurableLinkLayer } from '../../host/network-loader.ts';

/** Options of the switchable network. */
export interface SwitchableOptions {
  readonly delayMs?: number;
}

/** An update: the directed links (from, to) that drop every frame from now on (replaces the previous set). */
export interface SwitchableUpdate {
  readonly blocked: readonly (readonly [string, string])[];
}

/** Builds the factory; use as `{ module: SWITCHABLE_NETWORK_MODULE, export: 'switchableNetwork', options }`. */
export function switchableNetwork(options: SwitchableOptions = {}): (rng: Rng) => ConfigurableLinkLayer {
  const delayMs = options.delayMs ?? 0;
  return () => {
    let blocked = new Set<string>();
    return {
      route(packet): RouteDecision {
        if (blocked.has(linkKey(packet.from, packet.to))) return { deliveries: [], dropReason: 'blocked' };
        return { deliveries: [{ delayMs, bytes: packet.bytes }] };
      },
      apply(update: unknown) {
        const u = update as Partial<SwitchableUpdate>;
        if (!Array.isArray(u.blocked)) throw new Error('a switchable-network update needs blocked: [from, to][]');
        blocked = new Set(u.blocked.map(([from, to]) => linkKey(from as NodeId, to as NodeId)));
      },
    };
  };
}

function linkKey(from: string, to: string): string {
  return `${from}->${to}`;
}

/** The URL to put in `WorkerClusterConfig.network.module`. */
export const SWITCHABLE_NETWORK_MODULE = import.meta.url;
