import { ConfigError, FaultlineError } from '@faultline/core/errors';

/** Command-line words split into positionals and `--flag value` / `--flag` options. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
}

/** Splits argv; `--name=value`, `--name value` and bare `--name` are accepted. */
export function parseArgs(argv: readonly string[], valueFlags: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (!word.startsWith('--')) {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq === -1 ? word.slice(2) : word.slice(2, eq);
    if (eq !== -1) options.set(name, word.slice(eq + 1));
    else if (valueFlags.includes(name)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new ConfigError(`--${name}`, value, 'needs a value');
      options.set(name, value);
      i++;
    } else options.set(name, true);
  }
  return { positionals, options };
}

/** Rejects options the command does not know, naming them. */
export function rejectUnknown(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!known.includes(name)) throw new FaultlineError('bad-option', `unknown option --${name}; known: ${known.map((k) => `--${k}`).join(', ')}`);
  }
}

/** Reads a string option. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v === true) throw new ConfigError(`--${name}`, v, 'needs a value');
  return v;
}
