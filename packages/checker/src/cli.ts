import { readFile } from 'node:fs/promises';
import { checkOperations } from './check/check.ts';
import { HistoryPairingError, HistoryParseError } from './history/errors.ts';
import { pairOperations } from './history/pair.ts';
import { EdnSyntaxError } from './parse/edn.ts';
import { parseHistory } from './parse/detect.ts';
import { ModelInputError } from './models/model.ts';
import { isModelName, MODEL_NAMES, modelByName, type ModelName } from './models/registry.ts';

/** Exit codes of `faultline check`. */
export const CHECK_EXIT = { linearizable: 0, 'not-linearizable': 1, unknown: 2, usage: 64 } as const;

const USAGE = `usage: faultline check <history-file> --model ${MODEL_NAMES.join('|')} [--timeout-ms N]
  Checks a history (faultline JSONL, Jepsen EDN or etcd log; detected from content) for linearizability.
  Exit codes: 0 linearizable, 1 not linearizable, 2 unknown (time budget ran out), 64 usage or input error.`;

interface CheckArgs {
  file: string;
  model: ModelName;
  timeoutMs: number | undefined;
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * `faultline check <history-file> --model register|cas-register|kv [--timeout-ms N]`.
 * `argv` is what follows the program name (a leading `check` is accepted); lines go to `out`.
 * Returns 0 linearizable, 1 not, 2 unknown, 64 for usage or unreadable input.
 */
export async function runCheck(argv: string[], out: (line: string) => void): Promise<number> {
  const args = argv[0] === 'check' ? argv.slice(1) : argv;
  if (args.includes('--help') || args.includes('-h')) {
    for (const line of USAGE.split('\n')) out(line);
    return 0;
  }
  try {
    const { file, model: modelName, timeoutMs } = parseArgs(args);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read history file ${file}: ${(e as Error).message}`);
    }
    const parsed = parseHistory(text);
    const ops = pairOperations(parsed.events, parsed.lines);
    const model = modelByName(modelName);
    const result = checkOperations(model, ops, timeoutMs === undefined ? {} : { timeoutMs });
    out(`${file}: ${parsed.format} history, ${ops.length} operations, ${model.name} model`);
    out(`verdict: ${result.verdict}`);
    for (const line of result.explanation.split('\n')) out(line);
    return CHECK_EXIT[result.verdict];
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof HistoryParseError ||
      e instanceof HistoryPairingError ||
      e instanceof EdnSyntaxError ||
      e instanceof ModelInputError
    ) {
      out(`error: ${e.message}`);
      if (e instanceof UsageError) for (const line of USAGE.split('\n')) out(line);
      return CHECK_EXIT.usage;
    }
    throw e;
  }
}

function parseArgs(args: readonly string[]): CheckArgs {
  const positional: string[] = [];
  let model: string | undefined;
  let timeout: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
    if (flag === '--model' || flag === '--timeout-ms') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      if (flag === '--model') model = value;
      else timeout = value;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0
        ? 'missing <history-file>'
        : `expected one history file, got ${positional.length}: ${positional.join(' ')}`,
    );
  }
  if (model === undefined) throw new UsageError(`missing --model (one of ${MODEL_NAMES.join(', ')})`);
  if (!isModelName(model)) throw new UsageError(`unknown model ${JSON.stringify(model)}; expected one of ${MODEL_NAMES.join(', ')}`);
  let timeoutMs: number | undefined;
  if (timeout !== undefined) {
    timeoutMs = Number(timeout);
    if (!/^\d+(\.\d+)?$/.test(timeout) || !Number.isFinite(timeoutMs)) {
      throw new UsageError(`--timeout-ms must be a non-negative number of milliseconds; got ${JSON.stringify(timeout)}`);
    }
  }
  return { file: positional[0]!, model, timeoutMs };
}
