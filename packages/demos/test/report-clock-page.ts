import type { Page } from 'playwright-core';
import { PARTITION_TINT, type PageCanvas } from './report-page.ts';

/**
 * What the one-clock check of the cp-vs-ap report reads (issue 22 item 1): the narration's counts
 * and, in the page, the operations inside the partition window it shades.
 */

/** The narration's count for the minority side of one register's run. */
export function narrated(text: string, register: 'CP' | 'AP', outcome: 'ok' | 'failed'): number {
  const part = text.split('━━ ')[register === 'CP' ? 1 : 2] ?? '';
  const m = /minority side \{[^}]*\}:\s+(\d+) ok\s+(\d+) failed/.exec(part);
  if (!m) throw new Error(`no minority line for ${register} in:\n${part}`);
  return Number(outcome === 'ok' ? m[1] : m[2]);
}

/** What the page shows of the operations the narration counts. */
export interface Attributed {
  /** Minority-side ops with the outcome that completed in [partition + 300 ms, heal]. */
  readonly inWindow: number;
  /** Of those, how many have the partition's shading under their end on the timeline. */
  readonly shaded: number;
  /** Whether the history has a partition window at all. */
  readonly hasWindow: boolean;
}

/** Finds in the page the ops the narration counts, using the page's own windows, and reads the pixels under them. */
export function attributed(page: Page, history: string, status: 'ok' | 'fail', minority: readonly string[]): Promise<Attributed> {
  return page.evaluate(([name, want, side, tint]) => {
    interface Model { histories: { name: string; nodeOfProcess: Record<string, string>; windows: { kind: string; from: number; to: number }[]; ops: { count: number; process: number[]; status: string[]; ret: number[] } }[] }
    const report = (globalThis as unknown as { faultlineReport: { model: Model; timelines: Record<string, { opBox(id: number): { x: number; y: number; w: number; h: number } }> } }).faultlineReport;
    const h = report.model.histories.find((x) => x.name === name);
    const w = h?.windows.find((x) => x.kind === 'partition');
    if (!h || !w) return { inWindow: 0, shaded: 0, hasWindow: false };
    const canvas = (globalThis as unknown as { document: { getElementById(id: string): unknown } }).document.getElementById(`timeline-canvas-${name}`) as PageCanvas;
    const ratio = canvas.width / canvas.clientWidth;
    const ctx = canvas.getContext('2d');
    let inWindow = 0;
    let shaded = 0;
    for (let i = 0; i < h.ops.count; i++) {
      const ret = h.ops.ret[i] as number;
      if (h.ops.status[i] !== want || !side.includes(h.nodeOfProcess[String(h.ops.process[i])] ?? '') || ret < w.from + 300 || ret > w.to) continue;
      inWindow++;
      // A row's top and bottom pixel lines are never covered by a bar (bars keep 1 px off each): only
      // shading, the axis's 1-px grid lines and the checker's outlines are there, so one of the three
      // pixels left of the end on one of those lines shows the tint.
      const box = report.timelines[name]?.opBox(i);
      if (!box) continue;
      const x = Math.floor((box.x + box.w) * ratio) - 3;
      const lines = [box.y, box.y + box.h - 1].map((y) => ctx.getImageData(x, Math.floor(y * ratio), 3, 1).data);
      const tinted = (px: Uint8ClampedArray, k: number) => Math.abs((px[k] as number) - tint[0]) <= 4 && Math.abs((px[k + 1] as number) - tint[1]) <= 6
        && Math.abs((px[k + 2] as number) - tint[2]) <= 6 && Math.abs((px[k + 3] as number) - tint[3]) <= 6;
      if (lines.some((px) => tinted(px, 0) || tinted(px, 4) || tinted(px, 8))) shaded++;
    }
    return { inWindow, shaded, hasWindow: true };
  }, [history, status, minority, PARTITION_TINT] as const);
}
