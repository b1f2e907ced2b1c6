import type { Operation } from '../history/operation.ts';
import { canonicalJson, type JsonValue } from '../history/value.ts';
import { ModelInputError, REJECTED, type Model, type Prepared, type StepResult } from './model.ts';
import { partitionByKey } from './partition.ts';
import { whyRegister } from './why/register.ts';

/**
 * A register value as the search holds it: a number as itself, anything else as its canonical
 * JSON. Numbers (the common case) then cost no string to build, compare or hash; a number and a
 * string never compare equal, so 1 and "1" stay apart.
 */
export type RegisterValue = number | string;

/** The search's form of a history value (see RegisterValue). */
export function registerValue(v: JsonValue): RegisterValue {
  return typeof v === 'number' ? v : canonicalJson(v);
}

/** A register operation; `applied` is the precomputed step result. */
export type RegisterInput =
  | { f: 'read' }
  | { f: 'write'; value: RegisterValue; applied: StepResult<RegisterValue> }
  | { f: 'cas'; from: RegisterValue; to: RegisterValue; applied: StepResult<RegisterValue> };

/** What a register operation was seen to return: a value read, plain completion, or unknown. */
export type RegisterOutput =
  | { kind: 'value'; value: RegisterValue; applied: StepResult<RegisterValue> }
  | { kind: 'done' }
  | { kind: 'unknown' };

const READ: RegisterInput = { f: 'read' };
const DONE: RegisterOutput = { kind: 'done' };
const UNKNOWN: RegisterOutput = { kind: 'unknown' };
const NIL = canonicalJson(null);

/** Builds a register model (one register per key, initially nil); `withCas` adds compare-and-set. */
export function makeRegisterModel(name: string, withCas: boolean): Model<RegisterValue, RegisterInput, RegisterOutput> {
  const accepted = withCas ? 'read, write and cas' : 'read and write';
  // Reads and writes of the same value share one prepared output (or input): a long history has few
  // distinct values, so this saves a few small objects per op. Bounded, so a model used for many checks stays small.
  const reads = new SharedValues<RegisterOutput>();
  const writes = new SharedValues<RegisterInput>();
  return {
    name,
    init: NIL,
    prepare(op: Operation): Prepared<RegisterInput, RegisterOutput> | null {
      const output = op.status === 'unknown' ? UNKNOWN : DONE;
      switch (op.f) {
        case 'read': {
          if (op.status === 'unknown') return null; // a read of unknown result constrains nothing
          const value = registerValue(op.output);
          return { input: READ, output: reads.get(value, () => ({ kind: 'value', value, applied: { ok: true, next: value } })), readOnly: true };
        }
        case 'write': {
          const value = registerValue(op.input);
          return { input: writes.get(value, () => ({ f: 'write', value, applied: { ok: true, next: value } })), output };
        }
        case 'cas': {
          if (!withCas) break;
          if (!Array.isArray(op.input) || op.input.length !== 2) {
            throw new ModelInputError(name, op, `cas input must be [from, to]; got ${canonicalJson(op.input)}`);
          }
          const to = registerValue(op.input[1]!);
          return { input: { f: 'cas', from: registerValue(op.input[0]!), to, applied: { ok: true, next: to } }, output };
        }
        default:
          break;
      }
      throw new ModelInputError(name, op, `unsupported operation ${op.f}; the ${name} model accepts ${accepted}`);
    },
    step(state: RegisterValue, input: RegisterInput, output: RegisterOutput): StepResult<RegisterValue> {
      switch (input.f) {
        case 'read':
          if (output.kind !== 'value') return { ok: true, next: state };
          return output.value === state ? output.applied : REJECTED;
        case 'write':
          return input.applied;
        case 'cas':
          if (state === input.from) return input.applied;
          // A cas that found another value changes nothing; one that returned ok contradicts this state.
          return output.kind === 'unknown' ? { ok: true, next: state } : REJECTED;
        default: {
          const never: never = input;
          throw new Error(`unknown register input ${JSON.stringify(never)}`);
        }
      }
    },
    simplify: dropUnobservedWrites,
    partition: partitionByKey,
    describe: describeRegisterOp,
    describeState: (state) => (state === NIL ? 'nil' : String(state)),
    explainStuck: whyRegister,
  };
}

/** A bounded map from a value to one shared object for it; cleared when full. */
class SharedValues<T> {
  private readonly map = new Map<RegisterValue, T>();

  get(key: RegisterValue, make: () => T): T {
    let value = this.map.get(key);
    if (value === undefined) {
      if (this.map.size >= SHARED_MAX) this.map.clear();
      value = make();
      this.map.set(key, value);
    }
    return value;
  }
}

/** Distinct values a register model shares prepared objects for, at most. */
const SHARED_MAX = 4096;

/**
 * Drops unknown-outcome writes and cas whose new value no op observes: no ok read returns it
 * and no cas expects it. Placing such an op only sets the register to a value nothing can see
 * until the next write; leaving it out (and any unknown cas that then would not apply) gives a
 * linearization that is just as valid, so the verdict cannot change. In Jepsen histories these
 * are timed-out writes nobody read, and without this each one doubles the configurations to search.
 */
export function dropUnobservedWrites(ops: readonly Operation[]): Operation[] {
  // Nothing to drop without an unknown op: skip collecting the observed values.
  if (!ops.some((op) => op.status === 'unknown')) return ops as Operation[];
  const observed = new Set<RegisterValue>();
  for (const op of ops) {
    if (op.f === 'read' && op.status === 'ok') observed.add(registerValue(op.output));
    if (op.f === 'cas' && Array.isArray(op.input) && op.input.length === 2) observed.add(registerValue(op.input[0]!));
  }
  return ops.filter((op) => {
    if (op.status !== 'unknown') return true;
    if (op.f === 'write') return observed.has(registerValue(op.input));
    if (op.f === 'cas' && Array.isArray(op.input) && op.input.length === 2) return observed.has(registerValue(op.input[1]!));
    return true;
  });
}

/** Renders a register operation, e.g. `read() → 3`, `write(4)`, `cas(1, 4) → ?`. */
export function describeRegisterOp(op: Operation): string {
  switch (op.f) {
    case 'read':
      return `read() → ${op.status === 'ok' ? render(op.output) : op.status === 'fail' ? 'failed' : '?'}`;
    case 'cas': {
      const [from = null, to = null] = Array.isArray(op.input) ? op.input : [];
      return `cas(${render(from)}, ${render(to)}) → ${op.status === 'ok' ? 'ok' : op.status === 'fail' ? 'failed' : '?'}`;
    }
    default:
      return `${op.f}(${render(op.input)})${op.status === 'ok' ? '' : op.status === 'fail' ? ' → failed' : ' → ?'}`;
  }
}

function render(v: JsonValue): string {
  return v === null ? 'nil' : canonicalJson(v);
}
