import type { HistoryEvent } from '@faultline/checker';

/** How long the clients saw the store unavailable, from their history. */
export interface Unavailability {
  /** Sum of the stretches longer than `thresholdMs` in which no operation succeeded, ms. */
  readonly totalMs: number;
  /** The longest such stretch, ms. */
  readonly longestMs: number;
  readonly thresholdMs: number;
}

/**
 * Unavailable time as the clients saw it: the gaps between successive successful completions (and
 * the window's two ends) longer than `thresholdMs`, summed. With 10 clients thinking 40 ms on
 * average, a healthy store completes an operation every few ms, so 100 ms of silence means no leader
 * could commit (or confirm a read) for that long.
 */
export function unavailability(history: readonly HistoryEvent[], fromMs: number, toMs: number, thresholdMs = 100): Unavailability {
  const oks = history.filter((e) => e.type === 'ok' && e.time >= fromMs && e.time <= toMs).map((e) => e.time).sort((a, b) => a - b);
  let totalMs = 0;
  let longestMs = 0;
  let last = fromMs;
  for (const t of [...oks, toMs]) {
    const gap = t - last;
    if (gap > thresholdMs) { totalMs += gap; longestMs = Math.max(longestMs, gap); }
    last = t;
  }
  return { totalMs, longestMs, thresholdMs };
}
