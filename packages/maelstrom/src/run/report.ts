import { STDERR_CAP_BYTES } from './bounded-log.ts';
import { describeStats } from './stats.ts';
import { nemesisTime } from './nemesis-time.ts';
import type { MaelstromTestResult } from './run-test.ts';

/** The closing summary of a test, Maelstrom style: checker lines, stats, verdict. */
export function describeResult(r: MaelstromTestResult, replay: string): string[] {
  const verdict = r.valid === true ? 'valid' : r.valid === false ? 'INVALID' : 'unknown';
  const anomalies = Object.entries(r.check.anomalies).map(([k, v]) => `${k} ×${v}`).join(', ');
  return [
    ...r.check.lines,
    ...(r.check.valid === 'unknown' ? [`unknown: ${r.check.unknownReason}`] : []),
    ...describeStats(r.stats),
    ...(r.protocolErrorCount > 0 ? [`protocol errors: ${r.protocolErrorCount} (see protocol-errors.log${r.logsTruncated.protocolErrorLines > 0 ? `; ${r.logsTruncated.protocolErrorLines} lines past its cap not written` : ''})`] : []),
    ...(r.logsTruncated.stderrBytes > 0 ? [`node stderr: ${r.logsTruncated.stderrBytes} bytes past the cap of ${STDERR_CAP_BYTES} bytes per node not written`] : []),
    ...Object.entries(r.protocolWarnings).filter(([k]) => k === 'reply-from-unasked-node').map(([, n]) => `replies refused: ${n} came from a node the client's request never reached`),
    ...(r.unexpectedExits.length > 0 ? [`nodes that exited on their own: ${r.unexpectedExits.join(', ')}`] : []),
    ...r.nemesisLog.slice(0, 8).map((e) => `nemesis at ${Math.round(nemesisTime(e, r.startupMs))} ms: ${e.text}${e.ok ? '' : ` (failed: ${e.error})`}`),
    ...(r.nemesisLog.length > 8 ? [`nemesis: ${r.nemesisLog.length - 8} more actions in nemesis.log`] : []),
    `run took ${(r.wallMs / 1000).toFixed(1)} s of wall time for ${(r.runMs / 1000).toFixed(1)} s of run time (${(r.startupMs / 1000).toFixed(1)} s until every node answered init)`,
    ...(r.runDir !== undefined ? [`history, stderr and results in ${r.runDir}`] : []),
    `${verdict}${anomalies ? ` (${anomalies})` : ''} — seed ${r.seed}`,
    replay,
  ];
}
