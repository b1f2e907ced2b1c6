import { FaultlineError } from '@faultline/core';
import type { NetworkModuleSpec } from '../host/network-module.ts';

/**
 * The network models every node may load without being told on its command line: faultline's own
 * fault network, by its package name (so machines resolve it alike). One export, not the package:
 * calling any other function of it with options from the wire is not what it is for.
 */
export const BUILTIN_NETWORK_MODELS: readonly { readonly module: string; readonly export: string }[] = [
  { module: '@faultline/transport', export: 'faultNetwork' },
];

/**
 * A control message named a module the node may not import: nothing from the network is ever code
 * (issue 20). A node imports only the modules on its own command line (`--modules`,
 * `--network-modules`) and the built-in network models; a `data:`, `http:` or other file URL is
 * refused before anything is loaded, as Erlang's distribution never was.
 */
export class ModuleNotAllowedError extends FaultlineError {
  readonly module: string;
  constructor(field: string, module: string, allowed: readonly string[]) {
    super('module-not-allowed',
      `${field} '${module.length > 120 ? `${module.slice(0, 120)}…` : module}' is not a module this node was started with; ` +
      `it imports only ${allowed.join(', ') || 'none'} (start the node with --network-modules FILE to allow another network model)`);
    this.module = module;
  }
}

/** The modules a node may import: those named on its command line and the built-in network models. */
export class ModuleAllowList {
  private readonly files: ReadonlySet<string>;

  constructor(files: readonly string[]) {
    this.files = new Set(files);
  }

  /** What the node accepts, for messages. */
  describe(): string[] {
    return [...this.files, ...BUILTIN_NETWORK_MODELS.map((m) => `${m.module}#${m.export}`)];
  }

  /** Checks a network model spec that came in a control message; throws ModuleNotAllowedError unless allowed. */
  requireNetwork(spec: unknown): NetworkModuleSpec {
    const s = spec as Partial<NetworkModuleSpec> | null;
    const module = typeof s?.module === 'string' ? s.module : String(s?.module);
    const exported = typeof s?.export === 'string' ? s.export : undefined;
    const allowed = exported !== undefined && (this.files.has(module) || BUILTIN_NETWORK_MODELS.some((m) => m.module === module && m.export === exported));
    if (!allowed) throw new ModuleNotAllowedError('network.module', exported === undefined ? module : `${module}#${exported}`, this.describe());
    return { module, export: exported, options: s?.options };
  }
}
