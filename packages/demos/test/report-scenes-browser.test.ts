import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessChromium } from '@faultline/report/browser';
import { artifacts, chromiumPath, demoReport, openReport, pixelsOf, SKIP, startBrowser } from './report-page.ts';

/**
 * Issue 22 item 2, in the browser: the `network` report draws each scene as a labelled section
 * naming its fault, shades the link fault on the space-time diagram, and "show in the diagrams"
 * zooms the diagram to that scene.
 */

const outDir = mkdtempSync(join(tmpdir(), 'faultline-report-scenes-'));
let browser: HeadlessChromium | undefined;
beforeAll(async () => { browser = await startBrowser(); }, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

/** A link fault's shading as the canvas holds it: rgba(237, 201, 72, 0.18) on transparent. */
const LINK_FAULT_TINT = [237, 201, 72, 46] as const;

describe.skipIf(!chromiumPath)(`the scenes of a lesson report (${chromiumPath ? 'Chromium' : SKIP})`, () => {
  it('network: one section per scene with its fault; the diagram shades it and zooms to a scene', async () => {
    const { file } = await demoReport(outDir, 'network', '--seed', '7', '--report');
    const { page, errors } = await openReport(browser as HeadlessChromium, file);
    const scenes = await page.$$eval('#scenes article.scene', (a) => a.map((e) => ({
      name: e.getAttribute('data-scene'), title: e.querySelector('h3')?.textContent ?? '', faults: e.querySelectorAll('[data-window]').length,
    })));
    expect(scenes.map((s) => s.name)).toEqual(['loss', 'delay', 'duplication', 'reordering', 'one-way']);
    expect(scenes.every((s) => s.faults === 1)).toBe(true);
    expect(scenes[3]?.title).toMatch(/^4\. reordering: 30 %/);
    expect(await pixelsOf(page, '#spacetime-canvas', LINK_FAULT_TINT, 6)).toBeGreaterThan(500);
    await page.click('[data-show-scene="reordering"]');
    await page.waitForFunction(() => {
      const r = (globalThis as unknown as { faultlineReport: { spaceTime: { view: { t0: number; t1: number } }; model: { scenes: { name: string; from: number; to: number }[] } } }).faultlineReport;
      const s = r.model.scenes.find((x) => x.name === 'reordering');
      return s !== undefined && r.spaceTime.view.t0 <= s.from && r.spaceTime.view.t0 > s.from - 100 && r.spaceTime.view.t1 >= s.to && r.spaceTime.view.t1 < s.to + 100;
    }, undefined, { timeout: 5_000 });
    await page.screenshot({ path: join(artifacts, 'network-scenes.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('clock-skew: one clocks-and-stamps chart per policy, drawn', async () => {
    const { file } = await demoReport(outDir, 'clock-skew', '--seed', '1', '--report');
    const { page, errors } = await openReport(browser as HeadlessChromium, file);
    const charts = await page.$$eval('#clocks canvas.clock-chart', (c) => c.map((e) => e.getAttribute('data-clock-scene')));
    expect(charts).toEqual(['lww-wall', 'lww-hlc', 'siblings']);
    // Each node's clock line is drawn in its colour (n1 #4e79a7, n2 #f28e2b).
    for (const scene of charts) {
      expect(await pixelsOf(page, `canvas[data-clock-scene="${scene}"]`, [78, 121, 167, 255], 30), scene).toBeGreaterThan(100);
      expect(await pixelsOf(page, `canvas[data-clock-scene="${scene}"]`, [242, 142, 43, 255], 30), scene).toBeGreaterThan(100);
    }
    expect(await page.textContent('#clocks')).toMatch(/write "second" at n2: true .*stamped \d+ — not kept/);
    await page.screenshot({ path: join(artifacts, 'clock-skew-clocks.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
