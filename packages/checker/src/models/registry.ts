import { casRegisterModel } from './cas-register.ts';
import { counterModel } from './counter.ts';
import { kvModel } from './kv.ts';
import { logModel } from './log.ts';
import type { Model } from './model.ts';
import { queueModel } from './queue.ts';
import { registerModel } from './register.ts';
import { setModel } from './set.ts';
import { uniqueIdsModel } from './unique-ids.ts';

/** The models selectable by name (e.g. `--model cas-register`). */
export const MODEL_NAMES = [
  'register', 'cas-register', 'kv',
  'set', 'counter', 'unique-ids',
  'log', 'queue',
] as const;

/** A model name, e.g. `register`, `cas-register`, `kv`, `set`, `counter`, `unique-ids`, `log`, `queue`. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** Whether `s` names a model. */
export function isModelName(s: string): s is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(s);
}

/** The model with the given name. */
export function modelByName(name: ModelName): Model {
  switch (name) {
    case 'register':
      return registerModel;
    case 'cas-register':
      return casRegisterModel;
    case 'kv':
      return kvModel;
    case 'set':
      return setModel;
    case 'counter':
      return counterModel;
    case 'unique-ids':
      return uniqueIdsModel;
    case 'log':
      return logModel;
    case 'queue':
      return queueModel;
    default: {
      const never: never = name;
      throw new Error(`unknown model ${String(never)}`);
    }
  }
}
