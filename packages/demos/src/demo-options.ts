import { ConfigError } from '@faultline/core/errors';
import { requireInteger, requireOneOf, requireProbability } from '@faultline/core/validate';

/** One `--name VALUE` option a demo accepts beyond the common ones; `parse` throws a ConfigError naming it. */
export interface DemoOption {
  readonly name: string;
  /** How the value is written in help, e.g. `N` or `0..1`. */
  readonly value: string;
  readonly help: string;
  /** Validates the raw text. */
  readonly parse: (text: string) => unknown;
  /** The names it accepts, for a choice (listed by `--help`). */
  readonly choices?: readonly string[];
}

/** The raw text of the demo-specific options given on the command line, already validated by `parse`. */
export type DemoOptionValues = ReadonlyMap<string, string>;

/** An option taking a whole number in [min, max]. */
export function integerOption(name: string, min: number, max: number, help: string): DemoOption {
  return { name, value: 'N', help, parse: (text) => requireInteger(`--${name}`, text.trim() === '' ? Number.NaN : Number(text), min, max) };
}

/** An option taking a probability in [0, 1]. */
export function probabilityOption(name: string, help: string): DemoOption {
  return {
    name, value: '0..1', help,
    parse: (text) => requireProbability(`--${name}`, text.trim() === '' ? Number.NaN : Number(text)),
  };
}

/** An option taking one of a fixed list of names. */
export function choiceOption(name: string, choices: readonly string[], help: string): DemoOption {
  return { name, value: 'NAME', help, choices, parse: (text) => requireOneOf(`--${name}`, text, choices) };
}

/** Reads a validated numeric option, or the default. */
export function readNumber(values: DemoOptionValues, name: string, fallback: number): number {
  const text = values.get(name);
  return text === undefined ? fallback : Number(text);
}

/** Checks every given option against the demo's list (unknown ones were rejected earlier). */
export function validateDemoOptions(options: readonly DemoOption[], values: DemoOptionValues): void {
  for (const [name, text] of values) {
    const option = options.find((o) => o.name === name);
    if (!option) throw new ConfigError(`--${name}`, text, 'is not an option of this demo');
    option.parse(text);
  }
}
