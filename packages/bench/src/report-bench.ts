import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '@faultline/core';
import { writeReport } from '@faultline/report';
import { findChromium, launchChromium, type HeadlessChromium } from '@faultline/report/browser';
import type { BenchResult } from './result.ts';
import { writeHistoryRun, writeMessageRun } from './report/synthetic-runs.ts';
import { median } from './median.ts';

/** Page loads per figure; the median is reported. */
const REPS = 3;

/** A page that marks itself rendered on its first frame, as the report does when every section has drawn. */
const BLANK = `<!doctype html><html><body><script>requestAnimationFrame(() => { window.faultlineReport = { renderedAt: performance.now() }; document.body.dataset.rendered = 'true'; });</script></body></html>`;

/** ms from navigation start to the page's first full render (`faultlineReport.renderedAt`), median of REPS fresh pages. */
async function renderMs(browser: HeadlessChromium, file: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-rendered="true"]', { state: 'attached', timeout: 120_000 });
    if (errors.length > 0) throw new Error(`${file}: the page logged errors: ${errors.join('; ')}`);
    times.push(await page.evaluate(() => (globalThis as unknown as { faultlineReport: { renderedAt: number } }).faultlineReport.renderedAt));
    await page.close();
  }
  return median(times);
}

/**
 * The report in headless Chromium: time from navigation start to the first full render of a
 * 100k-message trace (`report-render-100k-messages`) and of a 10k-operation history
 * (`report-render-10k-ops`), against a blank page that marks its first frame, in the same browser.
 * Skipped (with a line saying so) when no Chromium is installed. File sizes are printed.
 */
export async function reportBenches(): Promise<BenchResult[]> {
  const chromium = findChromium();
  if (!chromium) {
    process.stdout.write('  report benchmarks skipped: no Chromium at /usr/bin/chromium (apt-get install chromium, or set FAULTLINE_CHROMIUM)\n');
    return [];
  }
  const root = mkdtempSync(join(tmpdir(), 'faultline-report-bench-'));
  const rng = createRng(1);
  const messagesDir = join(root, 'messages');
  const historyDir = join(root, 'history');
  writeMessageRun(messagesDir, 100_000, rng.derive('messages'));
  writeHistoryRun(historyDir, 10_000, rng.derive('history'));
  const blank = join(root, 'blank.html');
  writeFileSync(blank, BLANK);
  const files = { messages: await writeReport(messagesDir), history: await writeReport(historyDir) };
  for (const [name, file] of Object.entries(files)) process.stdout.write(`  report of the ${name} run: ${(statSync(file).size / 1e6).toFixed(1)} MB\n`);
  const browser = await launchChromium(chromium);
  try {
    const baseline = await renderMs(browser, blank);
    const result = (name: string, value: number): BenchResult => ({ name, value, unit: 'ms', baseline, baselineName: 'blank page to first frame', ratio: value / baseline });
    return [
      result('report-render-100k-messages', await renderMs(browser, files.messages)),
      result('report-render-10k-ops', await renderMs(browser, files.history)),
    ];
  } finally {
    await browser.close();
    rmSync(root, { recursive: true, force: true });
  }
}
