import { availableParallelism } from 'node:os';
import { Deadline } from './check/deadline.ts';
import { checkOperationsParallel, COLD_PARALLEL_MIN_OPS, type ParallelCheckOptions } from './check/parallel.ts';
import type { CheckResult } from './check/result.ts';
import type { HistoryEvent } from './history/event.ts';
import { DEFAULT_MAX_MEMORY_MB, MemoryBudget } from './check/memory-budget.ts';
import { HistoryBudgetError, HistoryPairingError, HistoryParseError } from './history/errors.ts';
import { EdnSyntaxError } from './parse/edn.ts';
import { readOperations, type ReadOperations } from './parse/read-operations.ts';
import { ModelInputError } from './models/model.ts';
import { isModelName, MODEL_NAMES, modelByName, type ModelName } from './models/registry.ts';
import { isTxnCheck, runTxnCheck, TXN_USAGE, type CheckedTxnHistory } from './txn/cli.ts';

/** Exit codes of `faultline check`. */
export const CHECK_EXIT = { linearizable: 0, 'not-linearizable': 1, unknown: 2, usage: 64, internal: 70 } as const;

const USAGE = `usage: faultline check <history-file> --model ${MODEL_NAMES.join('|')} [--timeout-ms N] [--max-memory-mb N] [--workers N]
  Checks a history (faultline JSONL, Jepsen EDN or etcd log; detected from content) for linearizability.
  --timeout-ms N     give up with verdict unknown after N ms, reading the file included (default: no limit)
  --max-memory-mb N  give up with verdict unknown when the check needs more than N MiB: the operations read
                     and the search's caches (default ${DEFAULT_MAX_MEMORY_MB})
  --workers N        threads that check independent keys at once, this one included (1: no worker threads;
                     auto, the default: the cores the load average leaves idle, of ${availableParallelism()}, for histories of ${COLD_PARALLEL_MIN_OPS}+
                     operations, since starting a worker costs more than it saves on smaller ones). One key: in-process.
  Exit codes: 0 linearizable, 1 not linearizable, 2 unknown (a budget ran out), 64 usage or input error,
  70 internal error (a bug: never a verdict).`;

interface CheckArgs {
  file: string;
  model: ModelName;
  timeoutMs: number | undefined;
  maxMemoryMb: number | undefined;
  workers: number | undefined;
}

/** What `runCheck` read and decided, for a caller that keeps the run (`faultline check --report`). */
export interface CheckedHistory {
  readonly file: string;
  readonly model: ModelName;
  readonly events: readonly HistoryEvent[];
  readonly result: CheckResult;
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * `faultline check <history-file> --model <MODEL_NAMES> [--timeout-ms N] [--max-memory-mb N] [--workers N]`.
 * `argv` is what follows the program name (a leading `check` is accepted); lines go to `out`.
 * `onChecked` receives the parsed history and the result once a verdict is printed; `onTxnChecked`
 * the same for a transactional model.
 * Returns 0 linearizable, 1 not, 2 unknown, 64 for usage or unreadable input, 70 for an
 * internal error (reported, never thrown, so a crash cannot pass for a verdict).
 */
export async function runCheck(argv: string[], out: (line: string) => void, onChecked?: (checked: CheckedHistory) => void, onTxnChecked?: (checked: CheckedTxnHistory) => void): Promise<number> {
  const args = argv[0] === 'check' ? argv.slice(1) : argv;
  if (args.includes('--help') || args.includes('-h')) {
    for (const line of `${USAGE}\n${TXN_USAGE}`.split('\n')) out(line);
    return 0;
  }
  // Transactional models (list-append, rw-register) are Elle's checks, not linearizability: see txn/cli.ts.
  if (isTxnCheck(args)) return runTxnCheck(args, out, onTxnChecked);
  const started = performance.now();
  try {
    const { file, model: modelName, timeoutMs, maxMemoryMb, workers } = parseArgs(args);
    const deadline = Deadline.of({ timeoutMs, startedAt: started });
    const budget = new MemoryBudget((maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB) * 1024 * 1024);
    let read: ReadOperations;
    try {
      // Streamed and paired as it is read, within both budgets (see readOperations).
      read = await readOperations(file, { deadline, budget, keepEvents: onChecked !== undefined });
    } catch (e) {
      if (isFileSystemError(e)) throw new UsageError(`cannot read history file ${file}: ${e.message}`);
      throw e;
    }
    const { ops } = read;
    const model = modelByName(modelName);
    // The time budget covers the whole command, reading and parsing included.
    const options: ParallelCheckOptions = { startedAt: started, budget };
    if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
    // Auto: this process checks once and exits, so a worker must pay for its start (COLD_PARALLEL_MIN_OPS).
    if (workers === undefined) options.minOps = COLD_PARALLEL_MIN_OPS;
    else options.workers = workers;
    const result = await checkOperationsParallel(model, ops, options);
    out(`${file}: ${read.format} history, ${ops.length} operations, ${model.name} model`);
    out(`verdict: ${result.verdict}`);
    for (const line of result.explanation.split('\n')) out(line);
    onChecked?.({ file, model: modelName, events: read.events ?? [], result });
    return CHECK_EXIT[result.verdict];
  } catch (e) {
    if (e instanceof HistoryBudgetError) {
      out(`verdict: unknown`);
      out(`unknown: ${e.message}${e.budget === 'time' ? '. Raise --timeout-ms to finish.' : '.'}`);
      return CHECK_EXIT.unknown;
    }
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
    out(`internal error (please report it; this is not a verdict): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return CHECK_EXIT.internal;
  }
}

/** An error from the file system (it carries a code such as ENOENT), as opposed to one about the content. */
function isFileSystemError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string';
}

function parseArgs(args: readonly string[]): CheckArgs {
  const positional: string[] = [];
  let model: string | undefined;
  let timeout: string | undefined;
  let memory: string | undefined;
  let threads: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
    if (flag === '--model' || flag === '--timeout-ms' || flag === '--max-memory-mb' || flag === '--workers') {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      if (flag === '--model') model = value;
      else if (flag === '--timeout-ms') timeout = value;
      else if (flag === '--workers') threads = value;
      else memory = value;
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
  let maxMemoryMb: number | undefined;
  if (memory !== undefined) {
    maxMemoryMb = Number(memory);
    if (!/^\d+$/.test(memory) || maxMemoryMb < 1) {
      throw new UsageError(`--max-memory-mb must be a whole number of MiB, at least 1; got ${JSON.stringify(memory)}`);
    }
  }
  let workers: number | undefined;
  if (threads !== undefined && threads !== 'auto') {
    workers = Number(threads);
    if (!/^\d+$/.test(threads) || workers < 1) {
      throw new UsageError(`--workers must be a whole number of threads, at least 1 (or auto); got ${JSON.stringify(threads)}`);
    }
  }
  return { file: positional[0]!, model, timeoutMs, maxMemoryMb, workers };
}
