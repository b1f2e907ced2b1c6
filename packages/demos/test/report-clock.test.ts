import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessChromium } from '@faultline/report/browser';
import { artifacts, chromiumPath, demoReport, openReport, PARTITION_TINT, pixelsOf, SKIP, startBrowser, type PageCanvas } from './report-page.ts';

/**
 * Issue 22 item 1: everything a run folder holds is on one clock, so the shaded fault windows of
 * the report contain the operations the narration attributes to them. The narration of cp-vs-ap
 * counts, per side, the operations that completed between 300 ms after the split and the heal;
 * the page must find the same operations (the same count in the simulator) inside the partition
 * window it shades, and draw that shading under them — on the simulator and on worker threads.
 */

const outDir = mkdtempSync(join(tmpdir(), 'faultline-report-clock-'));
let browser: HeadlessChromium | undefined;
beforeAll(async () => { browser = await startBrowser(); }, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** The narration's count for the minority side of one register's run. */
function narrated(text: string, register: 'CP' | 'AP', outcome: 'ok' | 'failed'): number {
  const part = text.split('━━ ')[register === 'CP' ? 1 : 2] ?? '';
  const m = /minority side \{[^}]*\}:\s+(\d+) ok\s+(\d+) failed/.exec(part);
  if (!m) throw new Error(`no minority line for ${register} in:\n${part}`);
  return Number(outcome === 'ok' ? m[1] : m[2]);
}

interface Attributed {
  /** Minority-side ops with the outcome that completed in [partition + 300 ms, heal]. */
  readonly inWindow: number;
  /** Of those, how many have the partition's shading under their end on the timeline. */
  readonly shaded: number;
  /** Whether the history has a partition window at all. */
  readonly hasWindow: boolean;
}

/** Finds in the page the ops the narration counts, using the page's own windows, and reads the pixels under them. */
function attributed(page: Page, history: string, status: 'ok' | 'fail', minority: readonly string[]): Promise<Attributed> {
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

describe.skipIf(!chromiumPath)(`fault windows on the run's one clock${chromiumPath ? '' : ` (skipped: ${SKIP})`}`, () => {
  for (const runtime of ['sim', 'workers'] as const) {
    it(`shades, on ${runtime}, the partition around the operations the narration attributes to it`, async () => {
      const { file, text } = await demoReport(outDir, 'cp-vs-ap', '--seed', '42', '--runtime', runtime);
      const { page, errors } = await openReport(browser as HeadlessChromium, file);
      await page.screenshot({ path: join(artifacts, `clock-cp-vs-ap-${runtime}-42.png`), fullPage: true });
      const minority = ['n4', 'n5'];
      const cases = [
        { history: 'cp', status: 'fail' as const, expected: narrated(text, 'CP', 'failed') },
        { history: 'ap', status: 'ok' as const, expected: narrated(text, 'AP', 'ok') },
      ];
      for (const c of cases) {
        expect(c.expected, `${c.history}: the narration counts some`).toBeGreaterThan(20);
        const seen = await attributed(page, c.history, c.status, minority);
        expect(seen.hasWindow, `${c.history} has a partition window`).toBe(true);
        // Same clock: the simulator's counts are exact; on workers the nemesis's own reading of
        // the time a step ran differs from the schedule by a few ms, so an op or two at an edge may move.
        if (runtime === 'sim') expect(seen.inWindow, c.history).toBe(c.expected);
        else expect(Math.abs(seen.inWindow - c.expected), `${c.history}: ${seen.inWindow} vs ${c.expected}`).toBeLessThanOrEqual(Math.ceil(c.expected * 0.05));
        // Shading is read from the drawn chart: on workers an op within a pixel of the window's edge may fall either side.
        if (runtime === 'sim') expect(seen.shaded, `${c.history}: shaded under each`).toBe(seen.inWindow);
        else expect(Math.abs(seen.shaded - seen.inWindow), `${c.history}: shaded ${seen.shaded} vs ${seen.inWindow} in the window`).toBeLessThanOrEqual(Math.ceil(seen.inWindow * 0.05));
        // The latency chart is shaded too (the issue: "Latency: ap" had no shading at all).
        expect(await pixelsOf(page, `#latency-${c.history} [data-chart="latency-over-time"] canvas`, PARTITION_TINT), `latency-${c.history}`).toBeGreaterThan(1000);
      }
      // Issue 22 item 3: no uPlot placeholder row ("completed at: -- read: -- write: --") under a chart.
      expect(await page.$$eval('.u-legend', (l) => l.length)).toBe(0);
      expect(await page.$eval('#latency-cp', (s) => s.textContent ?? '')).not.toContain('--');
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
