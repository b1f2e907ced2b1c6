import { ALL_MODELS } from '@faultline/checker';
import { ConfigError } from '@faultline/core';

/** Every model `--consistency-models` accepts: Elle's names (elle consistency_model.clj), as Maelstrom's core.clj validates them. */
export const CONSISTENCY_MODELS: readonly string[] = ALL_MODELS;

/** A consistency model name Elle knows (validated by {@link validateConsistencyModels}). */
export type ConsistencyModel = string;

/** Maelstrom's default (core.clj `--consistency-models`): strict-serializable. */
export const DEFAULT_CONSISTENCY_MODELS: readonly ConsistencyModel[] = ['strict-serializable'];

/** Throws ConfigError naming the first model Elle does not know. */
export function validateConsistencyModels(flag: string, models: readonly string[]): readonly ConsistencyModel[] {
  if (models.length === 0) throw new ConfigError(flag, '', 'needs at least one model');
  for (const m of models) if (!CONSISTENCY_MODELS.includes(m)) throw new ConfigError(flag, m, `must be one of ${CONSISTENCY_MODELS.join(', ')}`);
  return models;
}
