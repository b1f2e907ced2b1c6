/**
 * Which order graph a check needs beside the data dependencies (elle txn.clj `additional-graphs`):
 * realtime when a realtime anomaly is reportable (it covers process anomalies too), else process
 * when a process anomaly is, else none.
 */
export function orderGraphsNeeded(prohibited: ReadonlySet<string>): 'realtime' | 'process' | 'none' {
  const names = [...prohibited];
  if (names.some((a) => a.includes('-realtime'))) return 'realtime';
  if (names.some((a) => a.includes('-process'))) return 'process';
  return 'none';
}
