import { basename, dirname, extname, join } from 'node:path';
import type { CheckedHistory, CheckedTxnHistory } from '@faultline/checker';

/**
 * `faultline check …`: delegates to the checker package's command. With `--report [--out DIR]`
 * it also writes a run folder with the history, its check and report.html (DIR defaults to
 * `<history's folder>/<history name>-check`).
 */
export async function runCheckCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const { rest, report, outDir, problem } = takeReportOptions(argv);
  if (problem !== undefined) {
    // Core (and its errors) load only for a bad option: a plain check imports the checker alone.
    const { ConfigError } = await import('@faultline/core');
    throw new ConfigError('--out', problem.value, problem.reason);
  }
  const { runCheck } = await import('@faultline/checker');
  // The report reuses what the check read and decided: one parse, one search.
  let checked: CheckedHistory | undefined;
  let txn: CheckedTxnHistory | undefined;
  const code = await runCheck(rest, out, report ? (c) => { checked = c; } : undefined, report ? (c) => { txn = c; } : undefined);
  if (txn !== undefined) return writeTxnReport(txn, outDir, out, code);
  if (checked === undefined) return code;
  const { file, model, events, result } = checked;
  const name = basename(file, extname(file));
  const dir = outDir ?? join(dirname(file), `${name}-check`);
  // The report package (and esbuild behind it) loads only for --report: a plain check starts fast.
  const { RunRecorder, writeReport } = await import('@faultline/report');
  const record = new RunRecorder({ dir, title: `faultline check ${basename(file)}`, seed: null, runtime: 'history', nodes: [], replay: `faultline check ${file} --model ${model}`, trace: false });
  record.history({ name, model, events, check: result });
  let end = 0;
  for (const e of events) end = Math.max(end, e.time);
  out(`Report: ${await writeReport(record.finish(end))}`);
  return code;
}

/** A transactional check's run folder: no operation history, its anomalies' cycles in txn.json. */
async function writeTxnReport(checked: CheckedTxnHistory, outDir: string | undefined, out: (line: string) => void, code: number): Promise<number> {
  const { file, model, history, result } = checked;
  const dir = outDir ?? join(dirname(file), `${basename(file, extname(file))}-check`);
  const { RunRecorder, txnCycleCharts, writeReport } = await import('@faultline/report');
  const record = new RunRecorder({ dir, title: `faultline check ${basename(file)} (${model}): ${result.valid === true ? 'valid' : result.valid === false ? `invalid, ${result.anomalyTypes.join(' ')}` : 'unknown'}`, seed: null, runtime: 'history', nodes: [], replay: `faultline check ${file} --model ${model}`, trace: false });
  record.txnCycleCharts(txnCycleCharts(history, result));
  out(`Report: ${await writeReport(record.finish(0))}`);
  return code;
}

/** What is wrong with `--out`, when something is. */
interface OutProblem { readonly value: string | undefined; readonly reason: string }

function takeReportOptions(argv: readonly string[]): { rest: string[]; report: boolean; outDir: string | undefined; problem?: OutProblem } {
  const rest: string[] = [];
  let report = false;
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i] as string;
    if (w === '--report') report = true;
    else if (w.startsWith('--out=')) outDir = w.slice(6);
    else if (w === '--out') {
      outDir = argv[++i];
      if (outDir === undefined || outDir.startsWith('--')) return { rest, report, outDir, problem: { value: outDir, reason: 'needs a folder' } };
    } else rest.push(w);
  }
  if (outDir !== undefined && !report) return { rest, report, outDir, problem: { value: outDir, reason: 'goes with --report' } };
  return { rest, report, outDir };
}
