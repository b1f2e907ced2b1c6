import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium, type HeadlessChromium } from '@faultline/report/browser';
import { runCli } from '../src/cli/main.ts';
import { inkOf } from './report-page.ts';

/**
 * Opens the reports of fixed-seed runs in headless Chromium (Debian's package through
 * playwright-core; nothing is downloaded) and checks that every section drew. The flagship's
 * report (sections, the anomaly outlined, a clicked message) is checked in cp-vs-ap.test.ts, on
 * the seed 42 run that file makes anyway. Screenshots go to packages/demos/test/.artifacts/ (ignored by git).
 */

const chromiumPath = findChromium();
const SKIP = 'no Chromium at /usr/bin/chromium (apt-get install chromium, as .ci/run does, or set FAULTLINE_CHROMIUM)';
if (!chromiumPath) console.warn(`report browser tests SKIPPED: ${SKIP}`);

const artifacts = join(import.meta.dirname, '.artifacts');
const outDir = mkdtempSync(join(tmpdir(), 'faultline-report-'));
let browser: HeadlessChromium | undefined;

async function demo(...argv: string[]): Promise<string> {
  const lines: string[] = [];
  const code = await runCli(['demo', ...argv, '--out', outDir], (l) => lines.push(l));
  const report = /^Report: (.*)$/m.exec(lines.join('\n'))?.[1];
  if (code > 1 || report === undefined) throw new Error(`demo ${argv.join(' ')} failed (${code}):\n${lines.join('\n')}`);
  return report;
}

/** Opens a report; returns the page and the errors it logged. */
async function open(file: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (browser as HeadlessChromium).context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  // Any request leaving the file is a failure: the report must be self-contained.
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network: ${r.url()}`); });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-rendered="true"]', { timeout: 30_000 });
  return { page, errors };
}

beforeAll(async () => {
  if (!chromiumPath) return;
  mkdirSync(artifacts, { recursive: true });
  browser = await launchChromium(chromiumPath);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe.skipIf(!chromiumPath)(`the report in headless Chromium${chromiumPath ? '' : ` (skipped: ${SKIP})`}`, () => {
  it('draws membership views and quorum of the partition demo', async () => {
    const { page, errors } = await open(await demo('partition', '--seed', '3', '--report'));
    await page.screenshot({ path: join(artifacts, 'partition-3.png'), fullPage: true });
    expect(await page.$$eval('[data-section]', (s) => s.map((e) => e.id))).toEqual(['spacetime', 'step', 'membership', 'counters']);
    // 5 nodes, each with a view of all 5 members (itself included).
    expect(Number(await page.$eval('#membership-canvas', (c) => c.getAttribute('data-tracks')))).toBe(25);
    expect(await inkOf(page, '#membership-canvas')).toBeGreaterThan(2000);
    expect(await inkOf(page, '#spacetime-canvas')).toBeGreaterThan(2000);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('draws the report of a Maelstrom lin-kv run: timeline, checker verdict, latency, counters, no message trace', async () => {
    const lines: string[] = [];
    const program = join(import.meta.dirname, '../../maelstrom/programs/lin-kv.mjs');
    await runCli(['maelstrom', 'test', '-w', 'lin-kv', '--program', program, '--node-count', '3', '--time-limit', '3', '--rate', '20', '--nemesis', 'partition', '--seed', '7', '--out', outDir], (l) => lines.push(l));
    const file = /^Report: (.*)$/.exec(lines.at(-1) ?? '')?.[1] as string;
    const { page, errors } = await open(file);
    await page.screenshot({ path: join(artifacts, 'maelstrom-lin-kv-7.png'), fullPage: true });
    expect(await page.$$eval('[data-section]', (s) => s.map((e) => e.id))).toEqual(['timeline-lin-kv', 'checker-lin-kv', 'latency-lin-kv', 'counters']);
    const ops = readFileSync(join(file, '..', 'lin-kv.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"invoke"')).length;
    expect(Number(await page.$eval('#timeline-canvas-lin-kv', (c) => c.getAttribute('data-ops')))).toBe(ops);
    expect(await page.$eval('#checker-lin-kv .verdict', (v) => v.getAttribute('data-verdict'))).toBe('linearizable');
    expect(await inkOf(page, '#timeline-canvas-lin-kv')).toBeGreaterThan(2000);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
