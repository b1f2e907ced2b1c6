import { ConfigError, isActorDefinition, type ActorDefinition } from '@faultline/core';
import { UnknownKindError } from './errors.ts';
import { isClusterInNode } from './node-thread.ts';

/** The actor definitions a worker can spawn, found by kind among the exports of the configured modules. */
export class ActorRegistry {
  private readonly byKind = new Map<string, { definition: ActorDefinition; module: string }>();
  private readonly modules: readonly string[];

  private constructor(modules: readonly string[]) {
    this.modules = modules;
  }

  /** Imports each module and registers every `defineActor` export (also inside exported arrays). */
  static async load(modules: readonly string[]): Promise<ActorRegistry> {
    const registry = new ActorRegistry(modules);
    for (const module of modules) {
      let exports: Record<string, unknown>;
      try {
        exports = (await import(module)) as Record<string, unknown>;
      } catch (error) {
        if (isClusterInNode(error)) throw error;
        throw new ConfigError('modules[]', module, `must be an importable module (${error instanceof Error ? error.message : String(error)})`);
      }
      for (const value of Object.values(exports)) {
        for (const candidate of Array.isArray(value) ? value : [value]) {
          if (isActorDefinition(candidate)) registry.add(candidate, module);
        }
      }
    }
    return registry;
  }

  /** The definition of a kind; throws UnknownKindError saying which modules were searched. */
  get(kind: string): ActorDefinition {
    const entry = this.byKind.get(kind);
    if (!entry) throw new UnknownKindError(kind, this.modules);
    return entry.definition;
  }

  get kinds(): string[] {
    return [...this.byKind.keys()];
  }

  private add(definition: ActorDefinition, module: string): void {
    const seen = this.byKind.get(definition.kind);
    if (seen && seen.definition !== definition) {
      throw new ConfigError('modules[]', module, `must not define actor kind '${definition.kind}' again (already defined in ${seen.module})`);
    }
    this.byKind.set(definition.kind, { definition, module });
  }
}
