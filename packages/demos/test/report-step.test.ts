import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessChromium } from '@faultline/report/browser';
import { buildReportModel, loadRunFolder } from '@faultline/report';
import { artifacts, chromiumPath, demoReport, openReport, SKIP, startBrowser } from './report-page.ts';

/**
 * Issue 22 item 4: step through a run. The network demo's receivers define inspect(); the report's
 * step mode puts a cursor on one event at a time and shows each actor's state at that instant and
 * the messages in flight. Checked against the run folder itself: at every step the page shows, for
 * the careful receiver of the loss scene, the last state the folder recorded at or before that time.
 */

const outDir = mkdtempSync(join(tmpdir(), 'faultline-report-step-'));
let browser: HeadlessChromium | undefined;
beforeAll(async () => { browser = await startBrowser(); }, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

interface StepPage { faultlineReport: { step: { go(k: number): number; count(): number } } }

describe.skipIf(!chromiumPath)(`step mode (${chromiumPath ? 'Chromium' : SKIP})`, () => {
  it('shows each actor\'s recorded state and the messages in flight at the cursor, event by event', async () => {
    const { file } = await demoReport(outDir, 'network', '--seed', '7', '--scene', 'loss', '--report');
    const folder = loadRunFolder(join(file, '..'));
    const actor = 'careful-rx-loss@n3';
    const recorded = folder.states.filter((s) => s.actor === actor);
    expect(recorded.length).toBeGreaterThan(10);
    const model = buildReportModel(folder);
    const { page, errors } = await openReport(browser as HeadlessChromium, file);
    const count = await page.evaluate(() => (globalThis as unknown as StepPage).faultlineReport.step.count());
    expect(count).toBeGreaterThan(model.messages?.count as number);
    for (const k of [0, Math.floor(count / 3), Math.floor(count / 2), count - 1]) {
      const t = await page.evaluate((i) => (globalThis as unknown as StepPage).faultlineReport.step.go(i), k);
      const want = recorded.filter((s) => s.t <= t).at(-1)?.state ?? '(no message handled yet)';
      expect(await page.textContent(`#step-states tr[data-actor="${actor}"] td.state`), `event ${k} at ${t}`).toBe(want);
      const flying = (model.messages?.send ?? []).filter((s, i) => s <= t && ((model.messages?.end[i] as number) < 0 || (model.messages?.end[i] as number) > t)).length;
      expect(await page.getAttribute('#step-in-flight', 'data-count')).toBe(String(flying));
    }
    // The buttons move the cursor one event at a time.
    await page.evaluate(() => (globalThis as unknown as StepPage).faultlineReport.step.go(5));
    await page.click('#step-next');
    expect(await page.getAttribute('#step', 'data-step')).toBe('6');
    expect(await page.textContent('#step-event')).toMatch(/^event 7 of \d+ at .*: \w+ #\d+ (sent|delivered|dropped)/);
    await page.screenshot({ path: join(artifacts, 'network-step.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
