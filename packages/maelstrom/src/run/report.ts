import { describeStats } from './stats.ts';
import { nemesisTime } from './nemesis-time.ts';
import type { MaelstromTestResult } from './run-test.ts';

/** The closing summary of a test, Maelstrom style: checker lines, stats, verdict. */
export function describeResult(r: MaelstromTestResult, replay: string): string[] {
  const verdict = r.valid === true ? 'valid' : r.valid === false ? 'INVALID' : 'unknown';
  const anomalies = Object.entries(r.check.anomalies).map(([k, v]) => `${k} ×${v}`).join(', ');
  return [
    ...r.check.lines,
    ...describeStats(r.stats),
    ...(r.protocolErrorCount > 0 ? [`protocol errors: ${r.protocolErrorCount} (see protocol-errors.log)`] : []),
    ...(r.unexpectedExits.length > 0 ? [`nodes that exited on their own: ${r.unexpectedExits.join(', ')}`] : []),
    ...r.nemesisLog.slice(0, 8).map((e) => `nemesis at ${Math.round(nemesisTime(e, r.startupMs))} ms: ${e.text}${e.ok ? '' : ` (failed: ${e.error})`}`),
    ...(r.nemesisLog.length > 8 ? [`nemesis: ${r.nemesisLog.length - 8} more actions in nemesis.log`] : []),
    `run took ${(r.wallMs / 1000).toFixed(1)} s of wall time for ${(r.runMs / 1000).toFixed(1)} s of run time (${(r.startupMs / 1000).toFixed(1)} s until every node answered init)`,
    ...(r.runDir !== undefined ? [`history, stderr and results in ${r.runDir}`] : []),
    `${verdict}${anomalies ? ` (${anomalies})` : ''} — seed ${r.seed}`,
    replay,
  ];
}
