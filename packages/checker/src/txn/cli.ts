import { Deadline } from '../check/deadline.ts';
import { HistoryBudgetError } from '../history/errors.ts';
import { TxnHistoryError, readTxnHistoryFile } from './history/parse-txn.ts';
import type { TxnHistory } from './history/txn.ts';
import { checkListAppend } from './list-append/check.ts';
import { UnknownModelError, validateModels } from './lattice/models.ts';
import { checkRwRegister } from './rw-register/check.ts';
import { parseTransactionOrder, TransactionOrderError } from './rw-register/transaction-order.ts';
import { readFile } from 'node:fs/promises';
import type { TxnCheckResult } from './result.ts';

/** The transactional models `faultline check --model` accepts. */
export const TXN_MODEL_NAMES = ['list-append', 'rw-register'] as const;

/** Exit codes: 0 valid, 1 invalid, 2 unknown, 64 usage or input error, 70 internal error. */
const EXIT = { true: 0, false: 1, unknown: 2, usage: 64, internal: 70 } as const;

export const TXN_USAGE = `usage: faultline check <history-file> --model list-append|rw-register [--consistency-models M,...] [--anomalies A,...]
                       [--timeout-ms N] [--max-memory-mb N] [--cycle-search-timeout-ms N]
                       [--wfr-keys] [--sequential-keys] [--linearizable-keys] [--transaction-order ORDER|@FILE]
  Checks a transactional history (Jepsen EDN or faultline JSONL) as Elle does.
  --consistency-models  models that must hold (default strict-serializable); Elle's names, e.g.
                        read-committed, repeatable-read, snapshot-isolation, serializable, strict-serializable
  --anomalies           further anomalies to reject (G0, G1, G2, internal, ...)
  --wfr-keys, --sequential-keys, --linearizable-keys
                        rw-register: infer version orders as Elle's :wfr-keys?, :sequential-keys?, :linearizable-keys?
  --transaction-order   rw-register: a known commit order, Elle's :transaction-order: completion index to
                        position, as 0:2,1:1 or an EDN/JSON map in @FILE; each key's writes follow it
  Exit codes: 0 valid, 1 not valid, 2 unknown (a budget ran out, or only an empty graph / search timeout), 64 usage, 70 internal.`;

/** Whether argv asks for a transactional model (`--model list-append|rw-register`). */
export function isTxnCheck(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a === '--model' ? args[i + 1] : a.startsWith('--model=') ? a.slice(8) : undefined;
    if (v !== undefined) return (TXN_MODEL_NAMES as readonly string[]).includes(v);
  }
  return false;
}

class TxnUsageError extends Error {}

/** What a transactional check read and decided, for a caller that keeps the run (`faultline check --report`). */
export interface CheckedTxnHistory {
  readonly file: string;
  readonly model: (typeof TXN_MODEL_NAMES)[number];
  readonly history: TxnHistory;
  readonly result: TxnCheckResult;
}

/** `faultline check <file> --model list-append|rw-register ...`: prints the verdict and each anomaly explained. */
export async function runTxnCheck(args: readonly string[], out: (line: string) => void, onChecked?: (checked: CheckedTxnHistory) => void): Promise<number> {
  const started = performance.now();
  try {
    const o = parse(args);
    let h: TxnHistory;
    try {
      h = await readTxnHistoryFile(o.file, { deadline: Deadline.of({ timeoutMs: o.timeoutMs, startedAt: started }), ...(o.maxMemoryMb === undefined ? {} : { maxBytes: (o.maxMemoryMb * 1048576) / 4 }) });
    } catch (e) {
      if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string') throw new TxnUsageError(`cannot read history file ${o.file}: ${e.message}`);
      throw e;
    }
    const transactionOrder = o.transactionOrder === undefined ? undefined : parseTransactionOrder(o.transactionOrder.startsWith('@') ? await readOrderFile(o.transactionOrder.slice(1)) : o.transactionOrder);
    const opts = { transactionOrder, consistencyModels: o.models, anomalies: o.anomalies, timeoutMs: o.timeoutMs, maxMemoryMb: o.maxMemoryMb, sccTimeoutMs: o.sccTimeoutMs, startedAt: started, wfrKeys: o.wfrKeys, sequentialKeys: o.sequentialKeys, linearizableKeys: o.linearizableKeys };
    const r = o.model === 'list-append' ? checkListAppend(h, opts) : checkRwRegister(h, opts);
    out(`${o.file}: ${h.txns.length} transactions, ${o.model} model, consistency models ${o.models.join(', ') || '(none)'}`);
    for (const line of renderResult(r)) out(line);
    onChecked?.({ file: o.file, model: o.model as CheckedTxnHistory['model'], history: h, result: r });
    return EXIT[String(r.valid) as 'true' | 'false' | 'unknown'];
  } catch (e) {
    if (e instanceof HistoryBudgetError) {
      out('verdict: unknown');
      out(`unknown: ${e.message}. Raise --timeout-ms to finish.`);
      return EXIT.unknown;
    }
    if (e instanceof TxnUsageError || e instanceof TxnHistoryError || e instanceof UnknownModelError || e instanceof TransactionOrderError) {
      out(`error: ${e.message}`);
      if (e instanceof TxnUsageError) for (const l of TXN_USAGE.split('\n')) out(l);
      return EXIT.usage;
    }
    out(`internal error (please report it; this is not a verdict): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.internal;
  }
}

/** The verdict as text lines: valid, anomaly types, weakest violated model, what else is ruled out, then each anomaly. */
export function renderResult(r: TxnCheckResult): string[] {
  const lines = [`verdict: ${r.valid === true ? 'valid' : r.valid === false ? 'invalid' : 'unknown'}`];
  if (r.reason !== undefined) lines.push(`unknown: ${r.reason}`);
  if (r.anomalyTypes.length > 0) lines.push(`anomalies: ${r.anomalyTypes.join(' ')}`);
  if (r.not.length > 0) lines.push(`not: ${r.not.join(' ')} (the weakest models ruled out)`);
  if (r.alsoNot.length > 0) lines.push(`also not: ${r.alsoNot.join(' ')}`);
  for (const [type, list] of r.anomalies) {
    for (const a of list.slice(0, 8)) lines.push(...(a.text.startsWith(type) ? a.text : `${type}: ${a.text}`).split('\n'));
    if (list.length > 8) lines.push(`${type}: ... and ${list.length - 8} more`);
  }
  return lines;
}

interface TxnArgs {
  file: string; model: string; models: string[]; anomalies: string[];
  timeoutMs: number | undefined; maxMemoryMb: number | undefined; sccTimeoutMs: number | undefined;
  wfrKeys: boolean; sequentialKeys: boolean; linearizableKeys: boolean; transactionOrder: string | undefined;
}

async function readOrderFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new TxnUsageError(`cannot read transaction order file ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const SWITCHES = ['--wfr-keys', '--sequential-keys', '--linearizable-keys'];

function parse(args: readonly string[]): TxnArgs {
  const pos: string[] = [];
  const flags = new Map<string, string>();
  const known = ['--model', '--consistency-models', '--anomalies', '--timeout-ms', '--max-memory-mb', '--cycle-search-timeout-ms', '--transaction-order'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) { pos.push(a); continue; }
    if (SWITCHES.includes(a)) { flags.set(a, 'true'); continue; }
    const eq = a.indexOf('=');
    const [flag, inline] = eq < 0 ? [a, undefined] : [a.slice(0, eq), a.slice(eq + 1)];
    if (!known.includes(flag)) throw new TxnUsageError(`unknown option ${a} for a transactional model`);
    const v = inline ?? args[++i];
    if (v === undefined) throw new TxnUsageError(`${flag} needs a value`);
    flags.set(flag, v);
  }
  if (pos.length !== 1) throw new TxnUsageError(pos.length === 0 ? 'missing <history-file>' : `expected one history file, got ${pos.length}`);
  const list = (f: string): string[] | undefined => flags.get(f)?.split(',').map((s) => s.trim().replace(/^:/, '')).filter((s) => s !== '');
  const num = (f: string): number | undefined => {
    const v = flags.get(f);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new TxnUsageError(`${f} must be a whole number; got ${JSON.stringify(v)}`);
    return Number(v);
  };
  const models = list('--consistency-models') ?? ['strict-serializable'];
  validateModels(models);
  return { file: pos[0]!, model: flags.get('--model')!, models, anomalies: list('--anomalies') ?? [], timeoutMs: num('--timeout-ms'), maxMemoryMb: num('--max-memory-mb'), sccTimeoutMs: num('--cycle-search-timeout-ms'), wfrKeys: flags.has('--wfr-keys'), sequentialKeys: flags.has('--sequential-keys'), linearizableKeys: flags.has('--linearizable-keys'), transactionOrder: flags.get('--transaction-order') };
}
